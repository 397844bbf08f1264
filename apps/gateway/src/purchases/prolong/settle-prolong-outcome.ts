import { Injectable, Logger } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import type { Purchase } from '@app/database';
import type { StreamSkillError } from '@app/streamskill';
import { GatewayConfig } from '../../config/gateway-config';
import { HoldAlreadySettledError } from '../../ledger/hold-book';
import { LEDGER_TRANSACTION_OPTIONS, LedgerService } from '../../ledger/ledger.service';
import { PricingService } from '../../pricing/pricing.service';
import { CustomerMoneyQueue } from '../customer-money-queue';
import { requestActor } from '../purchase-actor';
import { errorJson } from '../upstream/error-json';
import { upstreamPriceOf, upstreamPurchaseFields } from '../upstream/upstream-purchase-fields';
import type { UpstreamPurchase } from '../upstream/upstream-purchases';
import type { ProlongPrice } from './prolong-price';

export interface ReservedProlong {
  purchase: Purchase;
  holdId: bigint;
  price: ProlongPrice;
}

const PROLONG_DONE = { prolongDeadline: null, prolongCount: null } as const;

/** The money side of a prolong's outcome; like a create's, each is one transaction guarded by the hold. */
@Injectable()
export class SettleProlongOutcome {
  private readonly logger = new Logger(SettleProlongOutcome.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly ledger: LedgerService,
    private readonly pricing: PricingService,
    private readonly config: GatewayConfig,
    private readonly queue: CustomerMoneyQueue,
  ) {}

  /**
   * Upstream prolonged: charge the customer's price of how much upstream's price grew. When the
   * purchase could not be read back, the prolong's own upstream cost stands in for that growth.
   */
  async prolonged({ purchase, holdId, price }: ReservedProlong, upstream: UpstreamPurchase | null) {
    const before = purchase.upstreamPrice;
    const after = upstream ? upstreamPriceOf(upstream) : null;
    const growth = before && after?.gt(before) ? after.minus(before) : null;
    const charge = growth ? this.pricing.customerPrice(growth, purchase.markupPercent) : price.price;
    const upstreamPrice = growth ? after : before?.plus(price.upstreamCost);
    try {
      await this.inMoneyTransaction(purchase.customerId, async (tx) => {
        const split = await this.ledger.captureHold(tx, {
          holdId,
          amount: charge,
          actor: requestActor(),
          purchaseId: purchase.id,
        });
        await tx.purchase.update({
          where: { id: purchase.id },
          data: {
            ...(upstream ? upstreamPurchaseFields(upstream) : {}),
            ...PROLONG_DONE,
            upstreamPrice,
            price: { increment: split.captured },
          },
        });
      });
    } catch (error) {
      if (error instanceof HoldAlreadySettledError) return;
      this.logger.error({ err: error, purchaseId: purchase.id }, 'Recording a prolong failed');
      await this.leaveToReconciler(purchase.id, { kind: 'prolong_settle_failed', prolonged: true });
    }
  }

  async rejected({ purchase, holdId }: ReservedProlong, error: StreamSkillError): Promise<void> {
    try {
      await this.inMoneyTransaction(purchase.customerId, async (tx) => {
        await this.ledger.releaseHold(tx, {
          holdId,
          actor: requestActor(),
          reason: `StreamSkill refused the prolong (${error.status ?? error.kind})`,
        });
        await tx.purchase.update({ where: { id: purchase.id }, data: { ...PROLONG_DONE } });
      });
    } catch (failure) {
      if (failure instanceof HoldAlreadySettledError) return;
      this.logger.error({ err: failure, purchaseId: purchase.id }, 'Recording a refused prolong failed');
      await this.leaveToReconciler(purchase.id, errorJson(error));
    }
  }

  /** Unknown outcome: the hold stays open until the reconciler sees upstream's price grow, or the deadline. */
  async unknown({ purchase }: ReservedProlong, error: StreamSkillError): Promise<void> {
    await this.leaveToReconciler(purchase.id, errorJson(error));
  }

  private inMoneyTransaction<T>(customerId: string, fn: (tx: Prisma.TransactionClient) => Promise<T>) {
    return this.queue.run(customerId, () => this.prisma.$transaction(fn, LEDGER_TRANSACTION_OPTIONS));
  }

  private async leaveToReconciler(id: number, lastError: Prisma.InputJsonObject): Promise<void> {
    await this.prisma.purchase.updateMany({
      where: { id, prolongDeadline: { not: null } },
      data: { prolongDeadline: new Date(Date.now() + this.config.purchases.settleDeadlineMs), lastError },
    });
  }
}
