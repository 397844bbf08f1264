import { Prisma } from '@app/database';
import type { UpstreamPurchase } from './upstream-purchases';

/**
 * The columns of a Purchase row that mirror upstream's purchase. Shared with the status sync, which
 * refreshes them. `upstreamPrice` is left out on purpose: it is what the customer was billed against,
 * so only the code that bills (create, prolong, reconciler) moves it.
 */
export function upstreamPurchaseFields(upstream: UpstreamPurchase) {
  return {
    status: typeof upstream.status === 'string' ? upstream.status : null,
    orderType: stringOrNull(upstream.order_type),
    service: stringOrNull(upstream.service),
    channel: typeof upstream.channel === 'string' ? upstream.channel : undefined,
    parent: booleanOrNull(upstream.parent),
    api: booleanOrNull(upstream.api),
    chatbot: booleanOrNull(upstream.chatbot),
    upstreamCreatedAt: Number.isInteger(upstream.created_at) ? upstream.created_at : null,
    expanded: isObject(upstream.expanded) ? (upstream.expanded as Prisma.InputJsonObject) : undefined,
  };
}

/** Upstream's `price` number as an exact decimal (through its shortest string form, never float math). */
export function upstreamPriceOf(upstream: UpstreamPurchase): Prisma.Decimal | null {
  const price: unknown = upstream.price;
  if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) return null;
  return new Prisma.Decimal(String(price));
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function booleanOrNull(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
