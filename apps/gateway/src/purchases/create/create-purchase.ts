import { Injectable, Logger } from '@nestjs/common';
import { StreamSkillError, type CartObject, type Language, type PurchaseExpand } from '@app/streamskill';
import { GatewayError } from '../../errors/gateway-error';
import { IdempotentExecution } from '../../idempotency/idempotent-execution';
import { RequestContext } from '../../tenancy/request-context';
import { UpstreamPurchases, type UpstreamPurchase } from '../upstream/upstream-purchases';
import type { CompatiblePurchase } from '../view/compatible-purchase';
import { PurchaseRepository } from '../purchase.repository';
import { PurchasePresenter } from '../view/purchase-presenter';
import { toCartObject } from './cart-object';
import { COMMITTED_PURCHASE, ReserveCreateFunds, type ReservedPurchase } from './reserve-create-funds';
import { QuoteCreate } from './quote-create';
import { SettleCreateOutcome } from './settle-create-outcome';

export interface CreatePurchaseInput {
  cart: CartObject;
  expand: ReadonlySet<PurchaseExpand>;
  language?: Language;
}

export interface CreatedAnswer {
  /** 200: bought; 202: StreamSkill's answer is unknown, the purchase is pending. */
  status: 200 | 202;
  body: CompatiblePurchase;
}

/**
 * POST /purchases/create: quote, hold, call StreamSkill once (a create is never retried: upstream has
 * no idempotency key), then settle the money by the outcome. See README.md.
 */
@Injectable()
export class CreatePurchase {
  private readonly logger = new Logger(CreatePurchase.name);

  constructor(
    private readonly quoteCreate: QuoteCreate,
    private readonly reserve: ReserveCreateFunds,
    private readonly upstream: UpstreamPurchases,
    private readonly settle: SettleCreateOutcome,
    private readonly presenter: PurchasePresenter,
    private readonly purchases: PurchaseRepository,
  ) {}

  async execute({ cart, expand, language }: CreatePurchaseInput): Promise<CreatedAnswer> {
    const resumed = IdempotentExecution.resumedRef();
    if (resumed) return this.asItStands(resumed, expand, language);
    const customerId = RequestContext.tenantId();
    const upstreamCart = toCartObject(cart);
    const quoted = await this.quoteCreate.execute(customerId, upstreamCart);
    const reserved = await this.reserve.execute(customerId, upstreamCart, quoted);
    // From here on the hold exists: a retry with the same Idempotency-Key must get this answer.
    IdempotentExecution.markCommitted();
    RequestContext.annotateAudit({ target: String(reserved.purchase.id) });

    const outcome = await this.callOnce(upstreamCart, language);
    if (outcome.kind === 'created') {
      const purchase = await this.orPending(reserved, this.settle.created(reserved, outcome.upstream));
      return this.answer(purchase.billingState === 'charged' ? 200 : 202, purchase, expand, language);
    }
    if (outcome.error.isDefinite) {
      await this.orPending(reserved, this.settle.rejected(reserved, outcome.error));
      throw asCustomerError(outcome.error);
    }
    const purchase = await this.orPending(reserved, this.settle.unknown(reserved, outcome.error));
    return this.answer(202, purchase, expand, language);
  }

  /**
   * Upstream has been called: whatever it did must not be answered as a failure of the request (a
   * client would retry and could buy twice). When the outcome cannot be recorded (the database is
   * down), the purchase stays as reserved, pending with its crash-safe deadline, and the reconciler
   * settles it like one whose process died mid-call.
   */
  private async orPending<T>(
    reserved: ReservedPurchase,
    settling: Promise<T>,
  ): Promise<T | ReservedPurchase['purchase']> {
    try {
      return await settling;
    } catch (error) {
      const purchaseId = reserved.purchase.id;
      this.logger.error(
        { err: error, purchaseId },
        'Recording the outcome of a create failed; left to the reconciler',
      );
      return reserved.purchase;
    }
  }

  private async callOnce(
    cart: CartObject,
    language?: Language,
  ): Promise<{ kind: 'created'; upstream: UpstreamPurchase } | { kind: 'failed'; error: StreamSkillError }> {
    try {
      return { kind: 'created', upstream: await this.upstream.create(cart, language) };
    } catch (error) {
      if (error instanceof StreamSkillError) return { kind: 'failed', error };
      throw error;
    }
  }

  /**
   * A retry whose first request reserved this purchase and then died: the purchase as it stands now,
   * 200 once charged, 202 otherwise (awaiting, or failed when nothing was bought). Never bought again.
   */
  private async asItStands(ref: string, expand: ReadonlySet<PurchaseExpand>, language?: Language) {
    const purchase = ref.startsWith(COMMITTED_PURCHASE)
      ? await this.purchases.findVisible(Number(ref.slice(COMMITTED_PURCHASE.length)))
      : null;
    // Rejected purchases are not shown: StreamSkill refused it, nothing was charged.
    if (!purchase)
      throw new GatewayError(
        502,
        'upstream_unavailable',
        'The upstream service refused this purchase; nothing was charged.',
      );
    return this.answer(purchase.billingState === 'charged' ? 200 : 202, purchase, expand, language);
  }

  private async answer(
    status: 200 | 202,
    purchase: ReservedPurchase['purchase'],
    expand: ReadonlySet<PurchaseExpand>,
    language?: Language,
  ): Promise<CreatedAnswer> {
    return { status, body: await this.presenter.one(purchase, { expand, language }) };
  }
}

/**
 * Upstream refusals the global filter maps well pass as they are (422 with field errors, 401 -> 502,
 * 402 -> 503, 429 -> 503 with Retry-After). A 404 or 405 on create is about the gateway's request,
 * not the customer's order, so it is not passed on as one.
 */
function asCustomerError(error: StreamSkillError): Error {
  if (error.status === 404 || error.status === 405) {
    return new GatewayError(
      502,
      'upstream_unavailable',
      "The upstream service refused the gateway's request.",
      {
        cause: error,
      },
    );
  }
  return error;
}
