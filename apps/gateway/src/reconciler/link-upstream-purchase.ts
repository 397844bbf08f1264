import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import type { BillingState } from '@app/database';
import type { Actor } from '../ledger/ledger.types';
import { LEDGER_TRANSACTION_OPTIONS, LedgerService } from '../ledger/ledger.service';
import { HoldAlreadySettledError } from '../ledger/hold-book';
import { PricingService } from '../pricing/pricing.service';
import { upstreamPriceOf, upstreamPurchaseFields } from '../purchases/upstream/upstream-purchase-fields';
import type { UpstreamPurchase } from '../purchases/upstream/upstream-purchases';
import { AlreadySettledError } from './settlement-errors';

export interface LinkInput {
  purchaseId: number;
  upstream: UpstreamPurchase;
  actor: Actor;
  /** The billing states the purchase may be in: pending for the reconciler, needs_review too for admins. */
  from: readonly BillingState[];
}

export interface LinkResult {
  customerId: string;
  upstreamPrice: Prisma.Decimal;
  captured: Prisma.Decimal;
  released: Prisma.Decimal;
  shortfall: Prisma.Decimal;
}

/**
 * Makes a gateway purchase the owner of an upstream purchase and charges the customer for it: the
 * customer's price of upstream's price is captured from the create hold and the rest released.
 * Exactly once: the purchase leaves `from` and its hold is settled in the same transaction. The
 * caller audits (the reconciler as a job, an admin through the request's own row).
 */
@Injectable()
export class LinkUpstreamPurchase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly ledger: LedgerService,
    private readonly pricing: PricingService,
  ) {}

  async execute(input: LinkInput): Promise<LinkResult> {
    const upstreamPrice = upstreamPriceOf(input.upstream);
    if (!upstreamPrice) throw new Error(`Upstream purchase ${input.upstream.id} has no usable price`);
    return this.charge(input, upstreamPrice).catch((error: unknown) => {
      throw error instanceof HoldAlreadySettledError ? new AlreadySettledError(input.purchaseId) : error;
    });
  }

  private charge({ purchaseId, upstream, actor, from }: LinkInput, upstreamPrice: Prisma.Decimal) {
    return this.prisma.$transaction(async (tx) => {
      const purchase = await tx.purchase.findUniqueOrThrow({ where: { id: purchaseId } });
      const hold = await tx.hold.findFirst({ where: { purchaseId, purpose: 'create', state: 'open' } });
      if (!hold) throw new AlreadySettledError(purchaseId);
      // Ledger first (balance, then hold), then the purchase row: the create flow's lock order.
      const amount = this.pricing.customerPrice(upstreamPrice, purchase.markupPercent);
      const split = await this.ledger.captureHold(tx, { holdId: hold.id, amount, actor, purchaseId });
      const claimed = await tx.purchase.updateMany({
        where: { id: purchaseId, billingState: { in: [...from] }, upstreamId: null },
        data: {
          ...upstreamPurchaseFields(upstream),
          billingState: 'charged',
          upstreamId: upstream.id,
          upstreamPrice,
          price: split.captured,
          settleDeadline: null,
        },
      });
      if (claimed.count !== 1) throw new AlreadySettledError(purchaseId);
      return { customerId: purchase.customerId, upstreamPrice, ...split };
    }, LEDGER_TRANSACTION_OPTIONS);
  }
}
