import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import type { Prisma } from '@app/database';
import { upstreamPurchaseFields } from '../purchases/upstream/upstream-purchase-fields';
import type { UpstreamPurchase } from '../purchases/upstream/upstream-purchases';

const SELECT = {
  id: true,
  upstreamId: true,
  billingState: true,
  status: true,
  orderType: true,
  service: true,
  channel: true,
  parent: true,
  api: true,
  chatbot: true,
  upstreamCreatedAt: true,
  expanded: true,
} satisfies Prisma.PurchaseSelect;

export type StoredFields = Prisma.PurchaseGetPayload<{ select: typeof SELECT }>;

/**
 * Stores what upstream now says about a purchase (status, channel, `expanded`...), only when it
 * changed. Prices are not touched: they move only with money (create, prolong, reconciler).
 */
@Injectable()
export class SyncedPurchaseFields {
  static readonly SELECT = SELECT;

  constructor(private readonly prisma: PrismaService) {}

  /** true when something changed. */
  async store(stored: StoredFields, upstream: UpstreamPurchase): Promise<boolean> {
    const fields = upstreamPurchaseFields(upstream);
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).some(
      (name) => fields[name] !== undefined && canonicalJson(fields[name]) !== canonicalJson(stored[name]),
    );
    if (!changed) return false;
    await this.prisma.purchase.updateMany({
      where: { id: stored.id, upstreamId: upstream.id },
      data: fields,
    });
    return true;
  }
}

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep the key order it was given. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) =>
    nested && typeof nested === 'object' && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : nested,
  );
}
