import { findTariff } from '../tariffs/tariff-catalog';
import { tariffView } from '../tariffs/tariff-view';
import type { Language } from '../tariffs/tariff.types';
import type { SandboxPurchase } from './purchase.types';

export const PURCHASE_EXPANDS = ['tarif', 'parent', 'api', 'chatbot'] as const;
export type PurchaseExpand = (typeof PURCHASE_EXPANDS)[number];

export interface PurchaseViewContext {
  expand: Set<PurchaseExpand>;
  language: Language;
}

/**
 * The PurchaseObject. `expand` never changes the documented scalar fields (so a client typed on the
 * spec keeps working); the expanded data goes into one extra `expanded` object instead.
 */
export function purchaseView(purchase: SandboxPurchase, { expand, language }: PurchaseViewContext) {
  const view: Record<string, unknown> = {
    id: purchase.id,
    price: purchase.price.toNumber(),
    currency: purchase.currency,
    created_at: Math.floor(purchase.createdAt / 1000),
    order_type: purchase.orderType,
    channel: purchase.channel,
    status: purchase.status,
    service: purchase.service,
    parent: false,
    api: purchase.api,
    chatbot: purchase.chatbot,
    tarif: purchase.tarifId,
  };
  if (expand.size > 0) view.expanded = expandedView(purchase, expand, language);
  return view;
}

function expandedView(purchase: SandboxPurchase, expand: Set<PurchaseExpand>, language: Language) {
  const expanded: Record<string, unknown> = {};
  if (expand.has('tarif')) {
    const tariff = findTariff(purchase.tarifId);
    expanded.tarif = tariff ? tariffView(tariff, language, purchase.currency) : null;
  }
  // Sandbox purchases never have a parent order.
  if (expand.has('parent')) expanded.parent = null;
  if (expand.has('api')) expanded.api = { created_via: purchase.api ? 'api' : 'web' };
  if (expand.has('chatbot')) expanded.chatbot = purchase.chatbot ? { settings: purchase.settings } : null;
  return expanded;
}
