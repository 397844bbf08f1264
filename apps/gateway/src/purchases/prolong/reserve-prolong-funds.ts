import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import type { Purchase } from '@app/database';
import { GatewayConfig } from '../../config/gateway-config';
import { GatewayError } from '../../errors/gateway-error';
import { LEDGER_TRANSACTION_OPTIONS, LedgerService } from '../../ledger/ledger.service';
import { holdAmountFor } from '../create/hold-amount';
import { CustomerMoneyQueue } from '../customer-money-queue';
import { requestActor } from '../purchase-actor';
import type { ProlongPrice } from './prolong-price';

/**
 * One transaction: a hold (purpose `prolong`) for the price plus the margin, and the purchase marked
 * as having a prolong in progress (`prolongDeadline`, `prolongCount`). One prolong at a time per
 * purchase: its cost is read back as the growth of upstream's price, which two at once would blur.
 * The deadline is set before the call so that a crash mid-call still leaves it to the reconciler.
 */
@Injectable()
export class ReserveProlongFunds {
  constructor(
    private readonly prisma: PrismaService,
    private readonly ledger: LedgerService,
    private readonly config: GatewayConfig,
    private readonly queue: CustomerMoneyQueue,
  ) {}

  async execute(purchase: Purchase, count: number, price: ProlongPrice): Promise<bigint> {
    const amount = holdAmountFor(price.price, this.config.purchases.holdMarginPercent);
    const { writeTimeoutMs } = this.config.streamSkill;
    const prolongDeadline = new Date(Date.now() + writeTimeoutMs + this.config.purchases.settleDeadlineMs);
    return this.queue.run(purchase.customerId, () => this.reserve(purchase, count, amount, prolongDeadline));
  }

  private reserve(purchase: Purchase, count: number, amount: Prisma.Decimal, prolongDeadline: Date) {
    return this.prisma.$transaction(async (tx) => {
      // Balance and hold first, then the purchase: the order every settlement locks them in.
      const { holdId } = await this.ledger.placeHold(tx, {
        customerId: purchase.customerId,
        amount,
        purchaseId: purchase.id,
        purpose: 'prolong',
        actor: requestActor(),
      });
      const claimed = await tx.purchase.updateMany({
        where: { id: purchase.id, billingState: 'charged', prolongDeadline: null },
        data: { prolongDeadline, prolongCount: count },
      });
      if (claimed.count === 0) throw prolongInProgress(purchase.id);
      return holdId;
    }, LEDGER_TRANSACTION_OPTIONS);
  }
}

function prolongInProgress(id: number): GatewayError {
  return new GatewayError(
    409,
    'prolong_in_progress',
    `An earlier prolong of purchase ${id} is still being confirmed with StreamSkill; retry later.`,
    { headers: { 'Retry-After': '5' } },
  );
}
