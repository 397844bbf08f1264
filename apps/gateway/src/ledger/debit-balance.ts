import { Injectable } from '@nestjs/common';
import { Prisma } from '@app/database';
import type { LedgerEntry } from '@app/database';
import { BalanceBook } from './balance-book';
import type { AdjustBalanceInput } from './credit-balance';
import { assertCanSpend, assertMovementAmount } from './funds';
import type { Tx } from './ledger.types';

/** Money out without a hold (an admin correction, a fee); refused beyond the credit limit. */
@Injectable()
export class DebitBalance {
  constructor(private readonly book: BalanceBook) {}

  async execute(tx: Tx, input: AdjustBalanceInput): Promise<LedgerEntry> {
    assertMovementAmount(input.amount);
    const balance = await this.book.lock(tx, input.customerId);
    assertCanSpend(balance, input.amount);
    return this.book.record(tx, {
      customerId: input.customerId,
      type: 'debit',
      amount: input.amount,
      totalDelta: input.amount.negated(),
      heldDelta: new Prisma.Decimal(0),
      actor: input.actor,
      purchaseId: input.purchaseId,
      reason: input.reason,
      reference: input.reference,
    });
  }
}
