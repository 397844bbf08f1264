import type { Prisma } from '@app/database';
import type { CartObject } from '@app/streamskill';
import type { Quote } from '../../pricing/quote';
import { PURCHASE_COLUMNS } from '../purchase-row';
import type { UpstreamPurchase } from '../upstream/upstream-purchases';
import { upstreamPurchaseFields } from '../upstream/upstream-purchase-fields';

// updated_at has no time zone and no default (Prisma's @updatedAt): written as UTC, as Prisma does.
const NOW_UTC = `now() AT TIME ZONE 'UTC'`;

/**
 * The purchase row of a create, `pending` until StreamSkill answers; `$1` is its id (allocated by the
 * quote, `QuoteCreate`), `$2` the request's tenant.
 */
export const INSERT_PENDING_PURCHASE = `
  INSERT INTO purchases (id, customer_id, tarif_id, cart, billing_state, quoted_price, currency, markup_percent,
    channel, order_type, service, api, parent, settle_deadline, updated_at)
  VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9, $10, true, false, $11, ${NOW_UTC})
  RETURNING ${PURCHASE_COLUMNS}`;

export function pendingPurchaseValues(
  purchaseId: number,
  tenantId: string,
  cart: CartObject,
  quote: Quote,
  {
    orderType,
    service,
    settleDeadline,
  }: { orderType: string | null; service: string | null; settleDeadline: Date },
): unknown[] {
  const { price, currency, markupPercent } = quote;
  return [
    purchaseId,
    tenantId,
    cart.tarif.id,
    cart,
    price,
    currency,
    markupPercent,
    cart.channel,
    orderType,
    service,
    settleDeadline,
  ];
}

/**
 * 200 from StreamSkill: the purchase mirrors upstream's and is charged. A field upstream left out
 * (channel, expanded) keeps its value, as Prisma's `undefined` did.
 */
export const MARK_PURCHASE_CHARGED = `
  UPDATE purchases SET status = $2, order_type = $3, service = $4, channel = COALESCE($5, channel),
    parent = $6, api = $7, chatbot = $8, upstream_created_at = $9, expanded = COALESCE($10::jsonb, expanded),
    upstream_id = $11, upstream_price = $12, price = $13, billing_state = 'charged', settle_deadline = NULL,
    last_error = $14, updated_at = ${NOW_UTC}
  WHERE id = $1
  RETURNING ${PURCHASE_COLUMNS}`;

export function chargedPurchaseValues(
  purchaseId: number,
  upstream: UpstreamPurchase,
  charge: { upstreamPrice: Prisma.Decimal | null; price: Prisma.Decimal; lastError: object | null },
): unknown[] {
  const fields = upstreamPurchaseFields(upstream);
  return [
    purchaseId,
    fields.status,
    fields.orderType,
    fields.service,
    fields.channel ?? null,
    fields.parent,
    fields.api,
    fields.chatbot,
    fields.upstreamCreatedAt,
    fields.expanded ?? null,
    upstream.id,
    charge.upstreamPrice,
    charge.price,
    charge.lastError,
  ];
}

/** A definite refusal: nothing was bought. */
export const MARK_PURCHASE_REJECTED = `
  UPDATE purchases SET billing_state = 'rejected', settle_deadline = NULL, last_error = $2, updated_at = ${NOW_UTC}
  WHERE id = $1`;
