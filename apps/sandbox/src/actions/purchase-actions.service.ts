import { Injectable } from '@nestjs/common';
import { Account } from '../account/account';
import { Clock } from '../common/clock';
import { validateBody } from '../common/validate-body';
import { quotePrice } from '@app/streamskill';
import { PurchaseLifecycle } from '../purchases/purchase-lifecycle';
import { PurchaseStore } from '../purchases/purchase-store';
import { FINISHED_STATUSES } from '../purchases/purchase.types';
import { pricingIn } from '../tariffs/tariff-catalog';
import { BulkIdsDto, ProlongDto } from './action-bodies.dto';
import { ActionablePurchases } from './actionable-purchase';

export const ACTION_OK = { status: 'ok' } as const;

export interface BulkStopResult {
  stopped_ids: number[];
  failed: { id: number; status: number; message: string }[];
  missing_ids: number[];
}

@Injectable()
export class PurchaseActionsService {
  constructor(
    private readonly actionable: ActionablePurchases,
    private readonly purchases: PurchaseStore,
    private readonly lifecycle: PurchaseLifecycle,
    private readonly account: Account,
    private readonly clock: Clock,
  ) {}

  start(orderId: string) {
    const { purchase } = this.actionable.find(orderId, (tariff) => tariff.supportsStart);
    this.lifecycle.start(purchase, this.clock.now());
    return ACTION_OK;
  }

  /** `count` more hours (hourly tariffs) or days, charged like a new cart with that duration. */
  prolong(orderId: string, body: unknown) {
    const { purchase, tariff } = this.actionable.find(orderId, (t) => t.supportsProlong);
    const count = validateBody(ProlongDto, body).count ?? 1;
    const price = quotePrice(pricingIn(tariff, purchase.currency), {
      quantity: purchase.quantity,
      duration: count,
    });
    this.account.charge(price);
    purchase.price = purchase.price.plus(price);
    purchase.duration += count;
    purchase.charges.push({ amount: price, reason: 'prolong', at: this.clock.now() });
    this.lifecycle.extend(purchase, count);
    return ACTION_OK;
  }

  bulkStop(body: unknown): BulkStopResult {
    const { ids } = validateBody(BulkIdsDto, body);
    const result: BulkStopResult = { stopped_ids: [], failed: [], missing_ids: [] };
    const now = this.clock.now();
    for (const id of new Set(ids)) {
      const purchase = this.purchases.findOwn(id);
      if (!purchase) result.missing_ids.push(id);
      else if (purchase.status === 'completed') {
        result.failed.push({ id, status: 409, message: 'Order already completed.' });
      } else if (FINISHED_STATUSES.includes(purchase.status)) {
        result.failed.push({ id, status: 405, message: `Order is ${purchase.status}.` });
      } else {
        this.lifecycle.stop(purchase, now);
        result.stopped_ids.push(id);
      }
    }
    return result;
  }
}
