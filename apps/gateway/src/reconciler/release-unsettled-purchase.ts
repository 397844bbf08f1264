import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import type { BillingState, Prisma } from '@app/database';
import type { Actor } from '../ledger/ledger.types';
import { LEDGER_TRANSACTION_OPTIONS, LedgerService } from '../ledger/ledger.service';
import { HoldAlreadySettledError } from '../ledger/hold-book';
import { AlreadySettledError } from './settlement-errors';

export interface ReleaseInput {
  purchaseId: number;
  actor: Actor;
  reason: string;
  /** pending for the reconciler, needs_review too for admins. */
  from: readonly BillingState[];
}

/**
 * Gives a purchase's create hold back: nothing was bought upstream. Exactly once: the purchase
 * leaves `from` for `released` and its hold is settled in the same transaction.
 */
@Injectable()
export class ReleaseUnsettledPurchase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly ledger: LedgerService,
  ) {}

  async execute(input: ReleaseInput): Promise<{ customerId: string; released: Prisma.Decimal }> {
    return this.release(input).catch((error: unknown) => {
      throw error instanceof HoldAlreadySettledError ? new AlreadySettledError(input.purchaseId) : error;
    });
  }

  private release({ purchaseId, actor, reason, from }: ReleaseInput) {
    return this.prisma.$transaction(async (tx) => {
      const hold = await tx.hold.findFirst({ where: { purchaseId, purpose: 'create', state: 'open' } });
      if (!hold) throw new AlreadySettledError(purchaseId);
      // Ledger first (balance, then hold), then the purchase row: the create flow's lock order.
      await this.ledger.releaseHold(tx, { holdId: hold.id, actor, reason });
      const claimed = await tx.purchase.updateMany({
        where: { id: purchaseId, billingState: { in: [...from] }, upstreamId: null },
        data: { billingState: 'released', settleDeadline: null },
      });
      if (claimed.count !== 1) throw new AlreadySettledError(purchaseId);
      return { customerId: hold.customerId, released: hold.amount };
    }, LEDGER_TRANSACTION_OPTIONS);
  }
}
