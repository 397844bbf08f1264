import { Injectable } from '@nestjs/common';
import { Prisma } from '@app/database';
import { toMoneyString } from '@app/common';
import { GatewayError } from '../errors/gateway-error';
import { BalanceBook } from './balance-book';
import { assertMovementAmount } from './funds';
import type { Actor, Tx } from './ledger.types';

export interface RefundPurchaseInput {
  customerId: string;
  purchaseId: number;
  amount: Prisma.Decimal;
  actor: Actor;
  reason: string;
}

/**
 * Gives back money charged for a purchase. Refunds of one purchase never add up to more than was
 * charged for it, so a refund that runs twice (status sync racing an admin) fails the second time.
 */
@Injectable()
export class RefundPurchase {
  constructor(private readonly book: BalanceBook) {}

  async execute(tx: Tx, input: RefundPurchaseInput): Promise<void> {
    assertMovementAmount(input.amount);
    await this.book.lock(tx, input.customerId);
    const refundable = await this.book.refundableFor(tx, input.customerId, input.purchaseId);
    if (input.amount.gt(refundable)) {
      throw new GatewayError(
        409,
        'refund_exceeds_charge',
        `Purchase ${input.purchaseId} has ${toMoneyString(refundable)} left to refund; ` +
          `${toMoneyString(input.amount)} was asked.`,
      );
    }
    await this.book.record(tx, {
      customerId: input.customerId,
      type: 'refund',
      amount: input.amount,
      totalDelta: input.amount,
      heldDelta: new Prisma.Decimal(0),
      actor: input.actor,
      purchaseId: input.purchaseId,
      reason: input.reason,
    });
  }
}
