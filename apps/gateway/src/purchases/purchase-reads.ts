import { Injectable } from '@nestjs/common';
import { PurchaseRepository } from './purchase.repository';
import type { CompatiblePurchase } from './view/compatible-purchase';
import { PurchasePresenter, type PresentOptions } from './view/purchase-presenter';

export interface BulkPurchasesAnswer {
  items: CompatiblePurchase[];
  missing_ids: number[];
}

/** The read routes, answered from the gateway's own rows: reads never spend upstream budget. */
@Injectable()
export class PurchaseReads {
  constructor(
    private readonly purchases: PurchaseRepository,
    private readonly presenter: PurchasePresenter,
  ) {}

  async list(options: PresentOptions): Promise<CompatiblePurchase[]> {
    return this.presenter.many(await this.purchases.listVisible(), options);
  }

  async uncompleted(options: PresentOptions): Promise<CompatiblePurchase[]> {
    return this.presenter.many(await this.purchases.listUncompleted(), options);
  }

  async one(id: number, options: PresentOptions): Promise<CompatiblePurchase> {
    return this.presenter.one(await this.purchases.getVisible(id), options);
  }

  /** Items in the order asked; ids that are missing or another customer's go to `missing_ids`. */
  async bulk(ids: readonly number[], options: PresentOptions): Promise<BulkPurchasesAnswer> {
    const found = new Map((await this.purchases.findManyVisible(ids)).map((p) => [p.id, p]));
    const items = ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
    return {
      items: await this.presenter.many(items, options),
      missing_ids: ids.filter((id) => !found.has(id)),
    };
  }
}
