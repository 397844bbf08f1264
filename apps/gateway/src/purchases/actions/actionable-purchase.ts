import type { Purchase } from '@app/database';
import { GatewayError } from '../../errors/gateway-error';

export const PURCHASE_PENDING = 'purchase_pending';

/**
 * The upstream id an action on this purchase goes to. A purchase whose creation is still unconfirmed
 * has none yet (409, retry later); one that never came to exist upstream has no actions (405, as
 * upstream answers for a failed order).
 */
export function upstreamIdFor(purchase: Purchase): number {
  if (
    purchase.upstreamId !== null &&
    (purchase.billingState === 'charged' || purchase.billingState === 'refunded')
  ) {
    return purchase.upstreamId;
  }
  throw notActionable(purchase);
}

export function notActionable(purchase: Pick<Purchase, 'id' | 'billingState'>): GatewayError {
  if (purchase.billingState === 'pending' || purchase.billingState === 'needs_review') {
    return new GatewayError(
      409,
      PURCHASE_PENDING,
      `Purchase ${purchase.id} is still being confirmed with StreamSkill; retry once its status is no longer "awaiting".`,
    );
  }
  return new GatewayError(
    405,
    'method_not_allowed_http_exception',
    `Purchase ${purchase.id} was never created upstream, so no action is available for it.`,
  );
}
