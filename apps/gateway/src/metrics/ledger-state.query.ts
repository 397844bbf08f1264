import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';

export interface OpenHolds {
  purpose: string;
  count: number;
  amount: number;
}

/** What the ledger and the reconciler have in flight, across every customer. */
export interface LedgerState {
  openHolds: OpenHolds[];
  /** Age of the oldest open hold, 0 when none. */
  oldestOpenHoldSeconds: number;
  pendingPurchases: number;
  needsReviewPurchases: number;
  /** Pending creates the reconciler has not matched to an upstream purchase yet. */
  unlinkedCreates: number;
  /** ...of which past their settle deadline: the reconciler should have released them already. */
  overdueCreates: number;
  /** Prolongs whose upstream outcome is not known yet. */
  unsettledProlongs: number;
}

interface Row {
  holds: unknown;
  oldest_hold_seconds: number | null;
  pending: number;
  needs_review: number;
  unlinked: number;
  overdue: number;
  prolongs: number;
}

/** One round trip per scrape, on indexed columns (holds.state, purchases.billing_state). */
@Injectable()
export class LedgerStateQuery {
  constructor(private readonly prisma: PrismaService) {}

  async load(): Promise<LedgerState> {
    const [row] = await this.prisma.$queryRaw<Row[]>`
      SELECT
        (SELECT coalesce(json_agg(h), '[]'::json) FROM (
          SELECT purpose, count(*)::int AS count, sum(amount)::float8 AS amount
          FROM holds WHERE state = 'open' GROUP BY purpose
        ) h) AS holds,
        (SELECT extract(epoch FROM now() - min(created_at))::float8 FROM holds WHERE state = 'open')
          AS oldest_hold_seconds,
        (SELECT count(*)::int FROM purchases WHERE billing_state = 'pending') AS pending,
        (SELECT count(*)::int FROM purchases WHERE billing_state = 'needs_review') AS needs_review,
        (SELECT count(*)::int FROM purchases WHERE billing_state = 'pending' AND upstream_id IS NULL)
          AS unlinked,
        (SELECT count(*)::int FROM purchases
          WHERE billing_state = 'pending' AND upstream_id IS NULL AND settle_deadline < now()) AS overdue,
        (SELECT count(*)::int FROM purchases WHERE prolong_deadline IS NOT NULL) AS prolongs`;
    const holds = (typeof row.holds === 'string' ? JSON.parse(row.holds) : row.holds) as OpenHolds[];
    return {
      openHolds: holds.map(({ purpose, count, amount }) => ({ purpose, count, amount: Number(amount) })),
      oldestOpenHoldSeconds: Math.max(0, row.oldest_hold_seconds ?? 0),
      pendingPurchases: row.pending,
      needsReviewPurchases: row.needs_review,
      unlinkedCreates: row.unlinked,
      overdueCreates: row.overdue,
      unsettledProlongs: row.prolongs,
    };
  }
}
