import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import { jobActor } from '../background-jobs/background-job';
import { GatewayError } from '../errors/gateway-error';
import { LEDGER_TRANSACTION_OPTIONS, LedgerService } from '../ledger/ledger.service';
import { upstreamPurchaseFields } from '../purchases/upstream/upstream-purchase-fields';
import type { UpstreamPurchase } from '../purchases/upstream/upstream-purchases';

export interface Refunded {
  customerId: string;
  amount: Prisma.Decimal;
}

class NoLongerCharged extends Error {}

/**
 * Gives a customer back what a purchase cost when StreamSkill reports it failed or refunded. Once:
 * the refund and the purchase's `charged -> refunded` conditional update share one transaction, and
 * the ledger refuses to refund a purchase beyond what it was charged.
 */
@Injectable()
export class RefundFailedPurchase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly ledger: LedgerService,
  ) {}

  /** null when the purchase was not (or no longer) charged: someone refunded it first. */
  async execute(purchaseId: number, upstream: UpstreamPurchase): Promise<Refunded | null> {
    try {
      return await this.refund(purchaseId, upstream);
    } catch (error) {
      if (error instanceof NoLongerCharged) return null;
      if (isRefundedAlready(error) && !(await this.isStillCharged(purchaseId))) return null;
      throw error;
    }
  }

  private async isStillCharged(purchaseId: number): Promise<boolean> {
    const purchase = await this.prisma.purchase.findUnique({ where: { id: purchaseId } });
    return purchase?.billingState === 'charged';
  }

  private refund(purchaseId: number, upstream: UpstreamPurchase): Promise<Refunded> {
    return this.prisma.$transaction(async (tx) => {
      const purchase = await tx.purchase.findUniqueOrThrow({ where: { id: purchaseId } });
      if (purchase.billingState !== 'charged') throw new NoLongerCharged();
      const amount = purchase.price ?? new Prisma.Decimal(0);
      // Ledger first (it locks the balance), then the purchase row: the order every settlement uses.
      if (amount.gt(0)) {
        await this.ledger.refund(tx, {
          customerId: purchase.customerId,
          purchaseId,
          amount,
          actor: jobActor('status-sync'),
          reason: `StreamSkill reports the purchase ${String(upstream.status)}`,
        });
      }
      const claimed = await tx.purchase.updateMany({
        where: { id: purchaseId, billingState: 'charged', price: purchase.price, upstreamId: upstream.id },
        data: { ...upstreamPurchaseFields(upstream), billingState: 'refunded' },
      });
      if (claimed.count !== 1) throw new NoLongerCharged();
      return { customerId: purchase.customerId, amount };
    }, LEDGER_TRANSACTION_OPTIONS);
  }
}

/** The ledger has less left to refund than asked: a concurrent refund committed first, or worse. */
function isRefundedAlready(error: unknown): boolean {
  return error instanceof GatewayError && error.type === 'refund_exceeds_charge';
}
