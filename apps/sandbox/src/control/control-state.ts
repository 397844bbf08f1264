import type { SandboxPurchase } from '../purchases/purchase.types';
import type { SandboxStatePurchase } from './control.types';

export function statePurchase(purchase: SandboxPurchase): SandboxStatePurchase {
  return {
    id: purchase.id,
    foreign: purchase.foreign,
    api: purchase.api,
    tarif: purchase.tarifId,
    order_type: purchase.orderType,
    service: purchase.service,
    channel: purchase.channel,
    quantity: purchase.quantity,
    duration: purchase.duration,
    interval: purchase.interval,
    lang: purchase.lang,
    comment: purchase.comment,
    price: purchase.price.toFixed(2),
    currency: purchase.currency,
    created_at: Math.floor(purchase.createdAt / 1000),
    status: purchase.status,
    settings: purchase.settings,
    history: purchase.history.map((change) => ({ ...change, at: new Date(change.at).toISOString() })),
    charges: purchase.charges.map((charge) => ({
      amount: charge.amount.toFixed(2),
      reason: charge.reason,
      at: new Date(charge.at).toISOString(),
    })),
  };
}
