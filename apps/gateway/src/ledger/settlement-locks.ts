import { Injectable } from '@nestjs/common';
import { BalanceBook, type LockedBalance } from './balance-book';
import { HoldBook, type HoldRow } from './hold-book';
import type { Tx } from './ledger.types';

export interface LockedForSettlement {
  customerId: string;
  balance: LockedBalance;
  hold: HoldRow;
}

/** What settling a hold locks, in the ledger's order: its owner's balance row, then the open hold. */
@Injectable()
export class SettlementLocks {
  constructor(
    private readonly balances: BalanceBook,
    private readonly holds: HoldBook,
  ) {}

  /** `owner` when the caller knows it (saves reading it first): checked against the hold. */
  async lock(tx: Tx, holdId: bigint, owner?: string): Promise<LockedForSettlement> {
    const customerId = owner ?? (await this.holds.customerOf(tx, holdId));
    const [balance, [row]] = await this.balances.lockThen<HoldRow>(
      tx,
      customerId,
      this.holds.lockStep(holdId),
    );
    const hold = this.holds.openOf(row, holdId, customerId);
    // PlaceHold places every hold on its owner's locked, existing row: an open hold without one is corruption.
    if (!balance) throw new Error(`Hold ${holdId} is open, but customer ${customerId} has no balance row`);
    return { customerId, balance, hold };
  }
}
