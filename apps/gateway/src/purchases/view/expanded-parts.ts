import type { Purchase } from '@app/database';
import type { PurchaseExpand, TarifDetailsObject } from '@app/streamskill';

export interface ExpandSources {
  /** The tariff as the catalog caches it, in the caller's language; null when the catalog lacks it. */
  tarif: TarifDetailsObject | null;
  /** The tariff with the customer's prices, at the markup the purchase was sold at. */
  toCustomerPrices(tarif: TarifDetailsObject): TarifDetailsObject;
}

/**
 * The `expanded` object of a purchase, rewritten the way the purchase itself is: tariff prices become
 * the customer's, and no upstream id survives (a parent order is always shown as null, since its id
 * would be upstream's).
 */
export function expandedParts(
  purchase: Pick<Purchase, 'expanded' | 'chatbot'>,
  expand: ReadonlySet<PurchaseExpand>,
  sources: ExpandSources,
): Record<string, unknown> {
  const stored = asRecord(purchase.expanded) ?? {};
  const parts: Record<string, unknown> = {};
  if (expand.has('tarif')) {
    const tarif = sources.tarif ?? (asRecord(stored.tarif) as TarifDetailsObject | undefined) ?? null;
    parts.tarif = tarif ? sources.toCustomerPrices(tarif) : null;
  }
  if (expand.has('parent')) parts.parent = null;
  if (expand.has('api')) parts.api = asRecord(stored.api) ?? { created_via: 'api' };
  if (expand.has('chatbot')) {
    parts.chatbot = 'chatbot' in stored ? (asRecord(stored.chatbot) ?? null) : purchase.chatbot ? {} : null;
  }
  return parts;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
