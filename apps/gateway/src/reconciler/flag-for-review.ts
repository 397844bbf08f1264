import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import type { ReviewReason } from './settlement-plan';

/** What the reconciler leaves in `lastError.reconciler` for the admin who resolves the purchase. */
export interface ReviewNote {
  reason: ReviewReason;
  candidateUpstreamIds: number[];
  at: string;
}

/**
 * Hands a pending purchase to an admin: several upstream purchases could be it. The hold stays; the
 * candidates are noted on the purchase (next to whatever the create flow noted there).
 */
@Injectable()
export class FlagForReview {
  constructor(private readonly prisma: PrismaService) {}

  /** The purchase's customer; null when the purchase was no longer pending. */
  async execute(purchaseId: number, note: ReviewNote): Promise<{ customerId: string } | null> {
    return this.prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ customerId: string; lastError: Prisma.JsonValue }[]>`
        SELECT customer_id AS "customerId", last_error AS "lastError" FROM purchases
        WHERE id = ${purchaseId} AND billing_state = 'pending' FOR UPDATE`;
      if (!row) return null;
      const previous = isObject(row.lastError) ? row.lastError : {};
      await tx.purchase.update({
        where: { id: purchaseId },
        data: {
          billingState: 'needs_review',
          lastError: { ...previous, reconciler: { ...note } } as Prisma.InputJsonObject,
        },
      });
      return { customerId: row.customerId };
    });
  }
}

function isObject(value: Prisma.JsonValue): value is Prisma.JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
