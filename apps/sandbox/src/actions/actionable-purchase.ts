import { Injectable } from '@nestjs/common';
import { actionNotAllowed, notFound, purchaseDone } from '../common/sandbox-error';
import { parsePathId } from '../http/request-params';
import { PurchaseStore } from '../purchases/purchase-store';
import { FINISHED_STATUSES, type SandboxPurchase } from '../purchases/purchase.types';
import { findTariff } from '../tariffs/tariff-catalog';
import type { SandboxTariff } from '../tariffs/tariff.types';

export interface Actionable {
  purchase: SandboxPurchase;
  tariff: SandboxTariff;
}

/** The checks every single-order action makes, in order: 404 (unknown or foreign), 405 (type), 409 / 405 (status). */
@Injectable()
export class ActionablePurchases {
  constructor(private readonly purchases: PurchaseStore) {}

  find(rawOrderId: string, actionAvailable: (tariff: SandboxTariff) => boolean): Actionable {
    const purchase = this.purchases.findOwn(parsePathId(rawOrderId, 'Purchase not found.'));
    const tariff = purchase && findTariff(purchase.tarifId);
    if (!purchase || !tariff) throw notFound('Purchase not found.');
    if (!actionAvailable(tariff)) throw actionNotAllowed();
    assertStillActionable(purchase);
    return { purchase, tariff };
  }
}

export function assertStillActionable(purchase: SandboxPurchase): void {
  if (purchase.status === 'completed') throw purchaseDone();
  if (FINISHED_STATUSES.includes(purchase.status)) {
    throw actionNotAllowed(`Action is unavailable for an order in status "${purchase.status}".`);
  }
}
