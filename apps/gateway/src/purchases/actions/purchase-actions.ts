import { Injectable } from '@nestjs/common';
import type { ActionSuccess, Language } from '@app/streamskill';
import { RequestContext } from '../../tenancy/request-context';
import { PurchaseRepository } from '../purchase.repository';
import { UpstreamPurchases, type EditAction } from '../upstream/upstream-purchases';
import { upstreamIdFor } from './actionable-purchase';
import { PurchaseRefresher } from './purchase-refresher';

/**
 * Start and the edit actions: free of charge, so a failure needs no settling. Upstream's 404, 405, 409
 * and 422 reach the caller as they are (the global error filter maps StreamSkillError).
 */
@Injectable()
export class PurchaseActions {
  constructor(
    private readonly purchases: PurchaseRepository,
    private readonly upstream: UpstreamPurchases,
    private readonly refresher: PurchaseRefresher,
  ) {}

  async start(id: number, language?: Language): Promise<ActionSuccess> {
    return this.act(id, (upstreamId) => this.upstream.start(upstreamId, language));
  }

  async edit(action: EditAction, id: number, body: object, language?: Language): Promise<ActionSuccess> {
    return this.act(id, (upstreamId) => this.upstream.edit(action, upstreamId, { ...body }, language));
  }

  private async act(
    id: number,
    call: (upstreamId: number) => Promise<ActionSuccess>,
  ): Promise<ActionSuccess> {
    const purchase = await this.purchases.getVisible(id);
    RequestContext.annotateAudit({ target: String(purchase.id) });
    const upstreamId = upstreamIdFor(purchase);
    const result = await call(upstreamId);
    await this.refresher.refresh([{ id: purchase.id, upstreamId }]);
    return { status: result.status };
  }
}
