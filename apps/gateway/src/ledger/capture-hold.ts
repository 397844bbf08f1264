import { Injectable } from '@nestjs/common';
import { Prisma } from '@app/database';
import { toMoneyString } from '@app/common';
import { BalanceBook } from './balance-book';
import { assertMovementAmount, CaptureSplit, splitCapture } from './funds';
import { HoldBook } from './hold-book';
import { SettlementLocks } from './settlement-locks';
import type { Actor, Tx } from './ledger.types';

export interface CaptureHoldInput {
  holdId: bigint;
  /** The hold's owner when the caller knows it (saves reading it first); checked against the hold. */
  customerId?: string;
  amount: Prisma.Decimal;
  actor: Actor;
  purchaseId?: number;
}

/**
 * Settles an open hold by charging `amount`: less than the hold gives the rest back, more charges the
 * difference as far as the credit limit allows (`shortfall` is what could not be charged). One entry
 * records it all, so a settled hold has exactly one capture or release entry.
 */
@Injectable()
export class CaptureHold {
  constructor(
    private readonly balances: BalanceBook,
    private readonly holds: HoldBook,
    private readonly locks: SettlementLocks,
  ) {}

  async execute(tx: Tx, input: CaptureHoldInput): Promise<CaptureSplit> {
    assertMovementAmount(input.amount, { allowZero: true });
    const { customerId, balance, hold } = await this.locks.lock(tx, input.holdId, input.customerId);
    const split = splitCapture(balance, hold.amount, input.amount);
    const reason = split.shortfall.isZero()
      ? null
      : `${toMoneyString(split.shortfall)} of ${toMoneyString(input.amount)} not charged: credit limit reached`;
    await this.balances.recordWithHold(
      tx,
      {
        customerId,
        type: 'capture',
        amount: split.captured,
        totalDelta: split.captured.negated(),
        heldDelta: hold.amount.negated(),
        actor: input.actor,
        purchaseId: input.purchaseId ?? hold.purchaseId,
        reason,
      },
      this.holds.settleStep(hold.id, 'captured', split.captured),
    );
    return split;
  }
}
