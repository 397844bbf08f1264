import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import type { Prisma } from '@app/database';
import type { UnsettledProlong } from './prolong-plan';

/** Purchases with a prolong in progress (`prolongDeadline` set) and its open hold. */
@Injectable()
export class UnsettledProlongs {
  constructor(private readonly prisma: PrismaService) {}

  async load(): Promise<UnsettledProlong[]> {
    const purchases = await this.prisma.purchase.findMany({
      where: { prolongDeadline: { not: null }, upstreamId: { not: null } },
      select: {
        id: true,
        upstreamId: true,
        billingState: true,
        customerId: true,
        markupPercent: true,
        upstreamPrice: true,
        prolongDeadline: true,
        lastError: true,
      },
      orderBy: { id: 'asc' },
    });
    if (purchases.length === 0) return [];
    const holds = await this.prisma.hold.findMany({
      where: { purchaseId: { in: purchases.map((p) => p.id) }, purpose: 'prolong', state: 'open' },
      orderBy: { id: 'asc' },
    });
    return purchases.flatMap((purchase) => {
      const hold = holds.find((candidate) => candidate.purchaseId === purchase.id);
      if (!hold) return [];
      return [
        {
          purchaseId: purchase.id,
          upstreamId: purchase.upstreamId as number,
          billingState: purchase.billingState,
          customerId: purchase.customerId,
          markupPercent: purchase.markupPercent,
          knownUpstreamPrice: purchase.upstreamPrice,
          prolongDeadline: purchase.prolongDeadline as Date,
          holdId: hold.id,
          holdCreatedAt: hold.createdAt,
          confirmedByUpstream: isConfirmedNote(purchase.lastError),
        },
      ];
    });
  }
}

/** The prolong flow notes `{kind: 'prolong_settle_failed', prolonged: true}` after a 200 it could not record. */
function isConfirmedNote(lastError: Prisma.JsonValue): boolean {
  return (
    typeof lastError === 'object' &&
    lastError !== null &&
    !Array.isArray(lastError) &&
    lastError.kind === 'prolong_settle_failed' &&
    lastError.prolonged === true
  );
}
