import { Prisma } from '@app/database';
import type { BillingState, Purchase } from '@app/database';
import { tenantBatchStatement } from '../tenancy/tenant-row-batch';

/** Every column of `purchases`, named as Prisma's fields; updated_at has no time zone: read as UTC. */
export const PURCHASE_COLUMNS = `id, customer_id AS "customerId", upstream_id AS "upstreamId", tarif_id AS "tarifId", cart,
  billing_state AS "billingState", status, quoted_price AS "quotedPrice", price, upstream_price AS "upstreamPrice",
  currency, markup_percent AS "markupPercent", order_type AS "orderType", service, channel, parent, api, chatbot,
  upstream_created_at AS "upstreamCreatedAt", settle_deadline AS "settleDeadline", expanded,
  prolong_deadline AS "prolongDeadline", prolong_count AS "prolongCount", last_error AS "lastError",
  created_at AS "createdAt", updated_at AT TIME ZONE 'UTC' AS "updatedAt"`;

/** The same rows as VISIBLE_PURCHASE (view/purchase-display.ts), in SQL. */
export const VISIBLE_PURCHASE_SQL = `billing_state <> 'rejected'`;

/**
 * GET /purchases/{id}, the busiest read: plain SQL costs a third of the CPU of Prisma's findFirst, and
 * the reads of one moment are one statement (TenantSql.rowById).
 */
export const VISIBLE_PURCHASES_BY_ID = tenantBatchStatement(
  `SELECT ${PURCHASE_COLUMNS} FROM purchases
   JOIN unnest($1::uuid[], $2::integer[]) AS wanted(customer_id, id) USING (customer_id, id)
   WHERE ${VISIBLE_PURCHASE_SQL}`,
);

type Decimals = 'quotedPrice' | 'price' | 'upstreamPrice' | 'markupPercent';

/** A row of PURCHASE_COLUMNS as node-postgres returns it: numerics are strings. */
export type PurchaseRow = Omit<Purchase, Decimals | 'billingState'> & {
  billingState: string;
} & { [K in Decimals]: Purchase[K] extends Prisma.Decimal ? string : string | null };

/** The row as Prisma would have returned it. */
export function toPurchase(row: PurchaseRow): Purchase {
  return {
    ...row,
    billingState: row.billingState as BillingState,
    quotedPrice: new Prisma.Decimal(row.quotedPrice),
    price: decimalOrNull(row.price),
    upstreamPrice: decimalOrNull(row.upstreamPrice),
    markupPercent: new Prisma.Decimal(row.markupPercent),
  };
}

function decimalOrNull(value: string | null): Prisma.Decimal | null {
  return value === null ? null : new Prisma.Decimal(value);
}
