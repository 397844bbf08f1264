import type { Purchase } from '@app/database';
import type { PurchaseExpand } from '@app/streamskill';
import { displayedPrice, displayedStatus } from './purchase-display';

export type CompatiblePurchase = Record<string, unknown>;

export interface CompatibleViewContext {
  currency: string;
  expand: ReadonlySet<PurchaseExpand>;
  /** The `expanded` parts, already rewritten for the customer (see ExpandedParts). */
  expanded?: Record<string, unknown>;
}

/**
 * StreamSkill's PurchaseObject for a gateway purchase: the gateway's id, the customer's price and the
 * configured currency; the upstream id and cost never appear. Like upstream, `expand` adds one
 * `expanded` object and leaves the documented fields as they are.
 */
export function compatiblePurchase(purchase: Purchase, context: CompatibleViewContext): CompatiblePurchase {
  const view: CompatiblePurchase = {
    id: purchase.id,
    price: displayedPrice(purchase).toDecimalPlaces(2).toNumber(),
    currency: context.currency,
    created_at: purchase.upstreamCreatedAt ?? Math.floor(purchase.createdAt.getTime() / 1000),
    order_type: purchase.orderType ?? '',
    channel: purchase.channel,
    status: displayedStatus(purchase),
    ...(purchase.service ? { service: purchase.service } : {}),
    parent: purchase.parent ?? false,
    api: purchase.api ?? true,
    chatbot: purchase.chatbot ?? false,
    tarif: purchase.tarifId,
  };
  if (context.expand.size > 0) view.expanded = context.expanded ?? {};
  return view;
}
