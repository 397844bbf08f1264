import { Injectable } from '@nestjs/common';
import type { BulkStopResult, Language } from '@app/streamskill';
import { RequestContext } from '../../tenancy/request-context';
import { PurchaseRepository } from '../purchase.repository';
import { UpstreamPurchases } from '../upstream/upstream-purchases';
import { notActionable } from './actionable-purchase';
import { PurchaseRefresher, type LinkedPurchase } from './purchase-refresher';

export interface BulkStopFailure {
  id: number;
  status: number;
  message: string;
}

/** The sandbox's answer shape (upstream's is undocumented), with the gateway's ids. */
export interface BulkStopAnswer {
  stopped_ids: number[];
  failed: BulkStopFailure[];
  missing_ids: number[];
}

/**
 * Stops up to 100 purchases with one upstream call. Ids the customer does not own are reported
 * missing without asking upstream; purchases not confirmed upstream yet fail one by one.
 */
@Injectable()
export class BulkStop {
  constructor(
    private readonly purchases: PurchaseRepository,
    private readonly upstream: UpstreamPurchases,
    private readonly refresher: PurchaseRefresher,
  ) {}

  async execute(ids: readonly number[], language?: Language): Promise<BulkStopAnswer> {
    const requested = [...new Set(ids)];
    const owned = new Map((await this.purchases.findManyVisible(requested)).map((p) => [p.id, p]));
    const answer: BulkStopAnswer = { stopped_ids: [], failed: [], missing_ids: [] };
    const linked: LinkedPurchase[] = [];
    for (const id of requested) {
      const purchase = owned.get(id);
      if (!purchase) answer.missing_ids.push(id);
      else if (purchase.upstreamId === null || !['charged', 'refunded'].includes(purchase.billingState)) {
        const error = notActionable(purchase);
        answer.failed.push({ id, status: error.status, message: error.message });
      } else linked.push({ id, upstreamId: purchase.upstreamId });
    }
    RequestContext.annotateAudit({ details: { ids: requested } });
    if (linked.length === 0) return answer;
    const result = await this.upstream.bulkStop(
      linked.map((p) => p.upstreamId),
      language,
    );
    mergeUpstreamResult(answer, result, linked);
    inRequestOrder(answer, requested);
    await this.refresher.refresh(linked.filter((p) => answer.stopped_ids.includes(p.id)));
    return answer;
  }
}

/** Upstream ids become the gateway's; an id upstream does not report on is missing as far as anyone can tell. */
function mergeUpstreamResult(answer: BulkStopAnswer, result: BulkStopResult, linked: LinkedPurchase[]): void {
  const byUpstreamId = new Map(linked.map((p) => [p.upstreamId, p.id]));
  const reported = new Set<number>();
  const toGatewayId = (upstreamId: unknown): number | undefined => {
    const id = typeof upstreamId === 'number' ? byUpstreamId.get(upstreamId) : undefined;
    if (id !== undefined) reported.add(id);
    return id;
  };
  for (const upstreamId of arrayOf(result.stopped_ids)) {
    const id = toGatewayId(upstreamId);
    if (id !== undefined) answer.stopped_ids.push(id);
  }
  for (const failure of arrayOf(result.failed)) {
    const record = (failure ?? {}) as Record<string, unknown>;
    const id = toGatewayId(record.id);
    if (id === undefined) continue;
    answer.failed.push({
      id,
      status: typeof record.status === 'number' ? record.status : 500,
      message: typeof record.message === 'string' ? record.message : 'The purchase could not be stopped.',
    });
  }
  for (const purchase of linked) {
    if (!reported.has(purchase.id)) answer.missing_ids.push(purchase.id);
  }
}

function inRequestOrder(answer: BulkStopAnswer, requested: number[]): void {
  const position = new Map(requested.map((id, index) => [id, index]));
  const byRequest = (a: number, b: number) => (position.get(a) ?? 0) - (position.get(b) ?? 0);
  answer.stopped_ids.sort(byRequest);
  answer.missing_ids.sort(byRequest);
  answer.failed.sort((a, b) => byRequest(a.id, b.id));
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
