import { Injectable } from '@nestjs/common';
import { PURCHASE_EXPANDS, StreamSkillClient } from '@app/streamskill';
import type { BulkPurchasesObject, PurchaseObject, StreamSkillCallOptions } from '@app/streamskill';

/** Background calls only take upstream tokens that leave the interactive reserve untouched. */
const BACKGROUND: StreamSkillCallOptions = { priority: 'background' };

/**
 * Every upstream call background jobs make goes through here: the one place where they wait for the
 * shared outbound budget at background priority, after customer requests.
 */
@Injectable()
export class BackgroundUpstream {
  constructor(private readonly client: StreamSkillClient) {}

  /**
   * The account's purchases: the uncompleted list and the full list, merged by id. Both must answer,
   * so that a purchase absent from the result is really absent upstream.
   */
  async listAccountPurchases(): Promise<PurchaseObject[]> {
    const uncompleted = await this.client.listUncompleted(BACKGROUND);
    const all = await this.client.listPurchases(BACKGROUND);
    const byId = new Map<number, PurchaseObject>();
    for (const purchase of [...all, ...uncompleted]) byId.set(purchase.id, purchase);
    return [...byId.values()];
  }

  /**
   * Up to 100 purchases (MAX_BULK_IDS) by upstream id, with every `expand` part: the gateway answers
   * customers' `expand` reads from what it stored.
   */
  getPurchaseBatch(ids: readonly number[]): Promise<BulkPurchasesObject> {
    return this.client.getPurchasesBulk(ids, {
      ...BACKGROUND,
      expand: PURCHASE_EXPANDS,
    }) as Promise<BulkPurchasesObject>;
  }
}
