import { Injectable } from '@nestjs/common';
import { Prisma } from '@app/database';
import type { LedgerEntry } from '@app/database';
import { BalanceBook } from './balance-book';
import { assertMovementAmount } from './funds';
import type { Actor, Tx } from './ledger.types';

export interface AdjustBalanceInput {
  customerId: string;
  amount: Prisma.Decimal;
  actor: Actor;
  reason: string;
  reference?: string;
  purchaseId?: number;
}

/** Money in: a top-up or a goodwill credit. */
@Injectable()
export class CreditBalance {
  constructor(private readonly book: BalanceBook) {}

  async execute(tx: Tx, input: AdjustBalanceInput): Promise<LedgerEntry> {
    assertMovementAmount(input.amount);
    await this.book.lock(tx, input.customerId);
    return this.book.record(tx, {
      customerId: input.customerId,
      type: 'credit',
      amount: input.amount,
      totalDelta: input.amount,
      heldDelta: new Prisma.Decimal(0),
      actor: input.actor,
      purchaseId: input.purchaseId,
      reason: input.reason,
      reference: input.reference,
    });
  }
}
