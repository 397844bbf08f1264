import { Injectable } from '@nestjs/common';
import { StreamSkillError, type ActionSuccess, type Language } from '@app/streamskill';
import { GatewayError } from '../../errors/gateway-error';
import { IdempotentExecution } from '../../idempotency/idempotent-execution';
import { RequestContext } from '../../tenancy/request-context';
import { upstreamIdFor } from '../actions/actionable-purchase';
import { PurchaseRepository } from '../purchase.repository';
import { UpstreamPurchases, type UpstreamPurchase } from '../upstream/upstream-purchases';
import { ProlongPricing } from './prolong-price';
import { ReserveProlongFunds } from './reserve-prolong-funds';
import { SettleProlongOutcome, type ReservedProlong } from './settle-prolong-outcome';

export interface ProlongAnswer {
  /** 200: prolonged; 202: StreamSkill's answer is unknown, the reconciler settles the hold. */
  status: 200 | 202;
  body: ActionSuccess;
}

/** POST /purchases/{id}/prolong: billed like a create (hold, one upstream call, settle by outcome). */
@Injectable()
export class ProlongPurchase {
  constructor(
    private readonly purchases: PurchaseRepository,
    private readonly pricing: ProlongPricing,
    private readonly reserve: ReserveProlongFunds,
    private readonly upstream: UpstreamPurchases,
    private readonly settle: SettleProlongOutcome,
  ) {}

  async execute(id: number, count: number, language?: Language): Promise<ProlongAnswer> {
    const purchase = await this.purchases.getVisible(id);
    RequestContext.annotateAudit({ target: String(purchase.id), details: { count } });
    const upstreamId = upstreamIdFor(purchase);
    if (purchase.billingState !== 'charged') throw refunded(purchase.id);
    const price = await this.pricing.priceOf(purchase, count);
    const holdId = await this.reserve.execute(purchase, count, price);
    IdempotentExecution.markCommitted();
    const reserved: ReservedProlong = { purchase, holdId, price };

    let result: ActionSuccess;
    try {
      result = await this.upstream.prolong(upstreamId, count, language);
    } catch (error) {
      return this.failed(reserved, error);
    }
    await this.settle.prolonged(reserved, await this.readBack(upstreamId));
    return { status: 200, body: { status: result.status } };
  }

  private async failed(reserved: ReservedProlong, error: unknown): Promise<ProlongAnswer> {
    if (!(error instanceof StreamSkillError)) throw error;
    if (error.isDefinite) {
      await this.settle.rejected(reserved, error);
      throw error;
    }
    await this.settle.unknown(reserved, error);
    return { status: 202, body: { status: 'pending' } };
  }

  /** The purchase after the prolong, for its new price; null when it cannot be read right now. */
  private async readBack(upstreamId: number): Promise<UpstreamPurchase | null> {
    try {
      return await this.upstream.get(upstreamId);
    } catch {
      return null;
    }
  }
}

function refunded(id: number): GatewayError {
  return new GatewayError(
    405,
    'method_not_allowed_http_exception',
    `Purchase ${id} was refunded; it cannot be prolonged.`,
  );
}
