import { toMoneyString } from '@app/common';
import type { Hold, Prisma, Purchase } from '@app/database';

export interface AdminHoldView {
  id: string;
  purpose: string;
  amount: string;
  createdAt: string;
}

/** Everything about a purchase, upstream id and costs included: admins only. */
export interface AdminPurchaseView {
  id: number;
  customerId: string;
  upstreamId: number | null;
  tarifId: number;
  billingState: string;
  status: string | null;
  channel: string;
  cart: Prisma.JsonValue;
  currency: string;
  quotedPrice: string;
  price: string | null;
  upstreamPrice: string | null;
  markupPercent: string;
  orderType: string | null;
  service: string | null;
  settleDeadline: string | null;
  prolongDeadline: string | null;
  lastError: Prisma.JsonValue;
  openHolds: AdminHoldView[];
  createdAt: string;
  updatedAt: string;
}

export function adminPurchaseView(purchase: Purchase, openHolds: readonly Hold[]): AdminPurchaseView {
  return {
    id: purchase.id,
    customerId: purchase.customerId,
    upstreamId: purchase.upstreamId,
    tarifId: purchase.tarifId,
    billingState: purchase.billingState,
    status: purchase.status,
    channel: purchase.channel,
    cart: purchase.cart,
    currency: purchase.currency,
    quotedPrice: toMoneyString(purchase.quotedPrice),
    price: purchase.price === null ? null : toMoneyString(purchase.price),
    upstreamPrice: purchase.upstreamPrice === null ? null : upstreamAmount(purchase.upstreamPrice),
    markupPercent: toMoneyString(purchase.markupPercent),
    orderType: purchase.orderType,
    service: purchase.service,
    settleDeadline: purchase.settleDeadline?.toISOString() ?? null,
    prolongDeadline: purchase.prolongDeadline?.toISOString() ?? null,
    lastError: purchase.lastError,
    openHolds: openHolds.map((hold) => ({
      id: hold.id.toString(),
      purpose: hold.purpose,
      amount: toMoneyString(hold.amount),
      createdAt: hold.createdAt.toISOString(),
    })),
    createdAt: purchase.createdAt.toISOString(),
    updatedAt: purchase.updatedAt.toISOString(),
  };
}

/** Upstream amounts are stored with 4 decimals; shown with 2 unless they need more. */
function upstreamAmount(value: Prisma.Decimal): string {
  return value.decimalPlaces() > 2 ? value.toString() : value.toFixed(2);
}
