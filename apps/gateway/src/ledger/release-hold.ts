import { Injectable } from '@nestjs/common';
import { Prisma } from '@app/database';
import { BalanceBook } from './balance-book';
import { HoldBook } from './hold-book';
import { SettlementLocks } from './settlement-locks';
import type { Actor, Tx } from './ledger.types';

export interface ReleaseHoldInput {
  holdId: bigint;
  /** The hold's owner when the caller knows it (saves reading it first); checked against the hold. */
  customerId?: string;
  actor: Actor;
  reason: string;
}

/** Gives an open hold back to `available` in full: the upstream call did not cost anything. */
@Injectable()
export class ReleaseHold {
  constructor(
    private readonly balances: BalanceBook,
    private readonly holds: HoldBook,
    private readonly locks: SettlementLocks,
  ) {}

  async execute(tx: Tx, input: ReleaseHoldInput): Promise<void> {
    const { customerId, hold } = await this.locks.lock(tx, input.holdId, input.customerId);
    await this.balances.recordWithHold(
      tx,
      {
        customerId,
        type: 'release',
        amount: hold.amount,
        totalDelta: new Prisma.Decimal(0),
        heldDelta: hold.amount.negated(),
        actor: input.actor,
        purchaseId: hold.purchaseId,
        reason: input.reason,
      },
      this.holds.settleStep(hold.id, 'released', null),
    );
  }
}
