import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import type { Actor } from '../ledger/ledger.types';
import { LEDGER_TRANSACTION_OPTIONS, LedgerService } from '../ledger/ledger.service';
import { HoldAlreadySettledError } from '../ledger/hold-book';
import type { UnsettledProlong } from './prolong-plan';
import { AlreadySettledError } from './settlement-errors';

const PROLONG_DONE = { prolongDeadline: null, prolongCount: null } as const;

export interface ProlongCharge {
  /** What the customer pays for the prolong (before the credit limit caps it). */
  amount: Prisma.Decimal;
  /** Upstream's price after the prolong, stored as the new billing reference. */
  newUpstreamPrice: Prisma.Decimal | null;
}

/**
 * Settles the hold of an ambiguous prolong, exactly once: the hold (settled once by the ledger) and
 * the purchase's prolong marker are cleared in one transaction, guarded by the upstream price the
 * decision was made against.
 */
@Injectable()
export class SettleProlongHold {
  constructor(
    private readonly prisma: PrismaService,
    private readonly ledger: LedgerService,
  ) {}

  async capture(prolong: UnsettledProlong, charge: ProlongCharge, actor: Actor) {
    return this.once(prolong, async (tx) => {
      const split = await this.ledger.captureHold(tx, {
        holdId: prolong.holdId,
        amount: charge.amount,
        actor,
        purchaseId: prolong.purchaseId,
      });
      // Only a purchase still charged pays: one refunded meanwhile gets the hold released instead.
      await this.clearMarker(
        tx,
        prolong,
        { upstreamPrice: charge.newUpstreamPrice, price: { increment: split.captured } },
        { billingState: 'charged' },
      );
      return split;
    });
  }

  async release(prolong: UnsettledProlong, reason: string, actor: Actor) {
    return this.once(prolong, async (tx) => {
      await this.ledger.releaseHold(tx, { holdId: prolong.holdId, actor, reason });
      await this.clearMarker(tx, prolong, {});
    });
  }

  private async clearMarker(
    tx: Prisma.TransactionClient,
    prolong: UnsettledProlong,
    data: Prisma.PurchaseUpdateManyMutationInput,
    condition: Prisma.PurchaseWhereInput = {},
  ): Promise<void> {
    const claimed = await tx.purchase.updateMany({
      where: {
        ...condition,
        id: prolong.purchaseId,
        prolongDeadline: { not: null },
        upstreamPrice: prolong.knownUpstreamPrice,
      },
      data: { ...PROLONG_DONE, ...data },
    });
    if (claimed.count !== 1) throw new AlreadySettledError(prolong.purchaseId);
  }

  private async once<T>(prolong: UnsettledProlong, work: (tx: Prisma.TransactionClient) => Promise<T>) {
    try {
      return await this.prisma.$transaction(work, LEDGER_TRANSACTION_OPTIONS);
    } catch (error) {
      throw error instanceof HoldAlreadySettledError ? new AlreadySettledError(prolong.purchaseId) : error;
    }
  }
}
