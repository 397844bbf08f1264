import { Injectable } from '@nestjs/common';
import { Prisma } from '@app/database';
import { BalanceBook } from './balance-book';
import { assertCanSpend, assertMovementAmount } from './funds';
import { HoldBook } from './hold-book';
import type { Actor, Tx } from './ledger.types';

export interface PlaceHoldInput {
  customerId: string;
  amount: Prisma.Decimal;
  purchaseId?: number;
  purpose: 'create' | 'prolong';
  actor: Actor;
}

/** Reserves funds for an upstream call: `held` grows, `total` does not move until the capture. */
@Injectable()
export class PlaceHold {
  constructor(
    private readonly balances: BalanceBook,
    private readonly holds: HoldBook,
  ) {}

  async execute(tx: Tx, input: PlaceHoldInput): Promise<{ holdId: bigint }> {
    assertMovementAmount(input.amount);
    const balance = await this.balances.lock(tx, input.customerId);
    assertCanSpend(balance, input.amount);
    const entry = await this.balances.recordWithHold(
      tx,
      {
        customerId: input.customerId,
        type: 'hold',
        amount: input.amount,
        totalDelta: new Prisma.Decimal(0),
        heldDelta: input.amount,
        actor: input.actor,
        purchaseId: input.purchaseId,
        reason: `hold for ${input.purpose}`,
      },
      this.holds.insertStep(input),
    );
    return { holdId: entry.holdId! };
  }
}
