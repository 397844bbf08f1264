import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { CallObserver, type UpstreamCallListener } from './call-observer';
import { CallRunner, type CallSpec } from './call-runner';
import { HttpTransport } from './http-transport';
import { probeOrigin, type ProbeResult } from './probe';
import { RateLimitObserver, type RateLimitListener, type RateLimitSnapshot } from './rate-limit';
import { assertBulkIds } from './request-guards';
import { SHAPES, type ResponseShape } from './response-shapes';
import {
  resolveClientOptions,
  STREAMSKILL_CLIENT_OPTIONS,
  type StreamSkillCallOptions,
  type StreamSkillClientOptions,
  type StreamSkillReadOptions,
} from './streamskill-client.options';
import { ENDPOINTS, endpointLabel, type EndpointDefinition } from './streamskill.endpoints';
import {
  PURCHASE_EXPANDS,
  TARIF_EXPANDS,
  type ActionSuccess,
  type BulkPurchasesObject,
  type BulkStopResult,
  type CartObject,
  type EditAiChatbotsObject,
  type EditChatbotObject,
  type EditTwitchFollowersObject,
  type EditTwitchViewersObject,
  type ProlongObject,
  type PurchaseExpand,
  type PurchaseObject,
  type TarifDetailsObject,
  type TarifExpand,
} from './streamskill.types';

type Expanded<E extends PurchaseExpand> = StreamSkillReadOptions<E>;

/**
 * Typed client for StreamSkill API v1, one method per endpoint. Never retries (see README). With a
 * `budget`, every call waits for a token first and every rate-limit answer is reported back to it.
 */
@Injectable()
export class StreamSkillClient implements OnModuleDestroy {
  private readonly logger = new Logger(StreamSkillClient.name);
  private readonly transport: HttpTransport;
  private readonly rateLimits: RateLimitObserver;
  private readonly calls: CallObserver;
  private readonly runner: CallRunner;
  private readonly probeUrl: string;
  private readonly probeTimeoutMs: number;

  constructor(@Inject(STREAMSKILL_CLIENT_OPTIONS) options: StreamSkillClientOptions) {
    const resolved = resolveClientOptions(options);
    this.transport = new HttpTransport(resolved.baseUrl, resolved.maxSockets);
    this.rateLimits = new RateLimitObserver((error) =>
      this.logger.warn(`rate-limit listener failed: ${error instanceof Error ? error.message : 'unknown'}`),
    );
    this.calls = new CallObserver((error) =>
      this.logger.warn(`call listener failed: ${error instanceof Error ? error.message : 'unknown'}`),
    );
    this.runner = new CallRunner(resolved, this.transport, this.rateLimits, this.logger, this.calls);
    const { budget } = resolved;
    if (budget?.observeRateLimit)
      this.rateLimits.subscribe((snapshot) => budget.observeRateLimit?.(snapshot));
    this.probeUrl = `${new URL(resolved.baseUrl).origin}/`;
    this.probeTimeoutMs = resolved.probeTimeoutMs;
  }

  async createPurchase<E extends PurchaseExpand = never>(
    cart: CartObject,
    options: Expanded<E> = {},
  ): Promise<PurchaseObject<E>> {
    return this.purchases(ENDPOINTS.createPurchase, SHAPES.purchase, options, { body: cart });
  }

  async listPurchases<E extends PurchaseExpand = never>(
    options: Expanded<E> = {},
  ): Promise<PurchaseObject<E>[]> {
    return this.purchases(ENDPOINTS.listPurchases, SHAPES.purchaseList, options);
  }

  async listUncompleted<E extends PurchaseExpand = never>(
    options: Expanded<E> = {},
  ): Promise<PurchaseObject<E>[]> {
    return this.purchases(ENDPOINTS.listUncompleted, SHAPES.purchaseList, options);
  }

  /** 1..100 ids, checked before sending. */
  async getPurchasesBulk<E extends PurchaseExpand = never>(
    ids: readonly number[],
    options: Expanded<E> = {},
  ): Promise<BulkPurchasesObject<E>> {
    assertBulkIds(endpointLabel(ENDPOINTS.getPurchasesBulk), ids);
    return this.purchases(ENDPOINTS.getPurchasesBulk, SHAPES.bulkPurchases, options, { ids });
  }

  async getPurchase<E extends PurchaseExpand = never>(
    orderId: number,
    options: Expanded<E> = {},
  ): Promise<PurchaseObject<E>> {
    return this.purchases(ENDPOINTS.getPurchase, SHAPES.purchase, options, { pathParams: { orderId } });
  }

  async startPurchase(orderId: number, options: StreamSkillCallOptions = {}): Promise<ActionSuccess> {
    return this.action(ENDPOINTS.startPurchase, orderId, undefined, options);
  }

  async prolongPurchase(
    orderId: number,
    body: ProlongObject,
    options: StreamSkillCallOptions = {},
  ): Promise<ActionSuccess> {
    return this.action(ENDPOINTS.prolongPurchase, orderId, body, options);
  }

  /** 1..100 ids, checked before sending. The result's shape is undocumented upstream. */
  async bulkStop(ids: readonly number[], options: StreamSkillCallOptions = {}): Promise<BulkStopResult> {
    assertBulkIds(endpointLabel(ENDPOINTS.bulkStop), ids);
    return this.runner.run({ endpoint: ENDPOINTS.bulkStop, body: { ids }, shape: SHAPES.object, options });
  }

  async editTwitchViewers(
    orderId: number,
    body: EditTwitchViewersObject,
    options: StreamSkillCallOptions = {},
  ): Promise<ActionSuccess> {
    return this.action(ENDPOINTS.editTwitchViewers, orderId, body, options);
  }

  async editTwitchFollowers(
    orderId: number,
    body: EditTwitchFollowersObject,
    options: StreamSkillCallOptions = {},
  ): Promise<ActionSuccess> {
    return this.action(ENDPOINTS.editTwitchFollowers, orderId, body, options);
  }

  async editChatbot(
    orderId: number,
    body: EditChatbotObject,
    options: StreamSkillCallOptions = {},
  ): Promise<ActionSuccess> {
    return this.action(ENDPOINTS.editChatbot, orderId, body, options);
  }

  async editAiChatbots(
    orderId: number,
    body: EditAiChatbotsObject,
    options: StreamSkillCallOptions = {},
  ): Promise<ActionSuccess> {
    return this.action(ENDPOINTS.editAiChatbots, orderId, body, options);
  }

  async getTarif(
    tarifId: number,
    options: StreamSkillReadOptions<TarifExpand> = {},
  ): Promise<TarifDetailsObject> {
    return this.runner.run({
      endpoint: ENDPOINTS.getTarif,
      pathParams: { tarifId },
      expandable: TARIF_EXPANDS,
      shape: SHAPES.tarif,
      options,
    });
  }

  /** The X-Rate-Limit-* values of the latest response (success or error), if any carried them. */
  get rateLimit(): RateLimitSnapshot | undefined {
    return this.rateLimits.last;
  }

  /** Called with every response's rate-limit headers; returns an unsubscribe function. */
  onRateLimit(listener: RateLimitListener): () => void {
    return this.rateLimits.subscribe(listener);
  }

  /** Called once per finished call (not probe()) with its endpoint and outcome; returns an unsubscribe function. */
  onCall(listener: UpstreamCallListener): () => void {
    return this.calls.subscribe(listener);
  }

  /** Health check: any HTTP answer from the API origin counts as reachable. Sends no token. */
  probe(): Promise<ProbeResult> {
    return probeOrigin(this.transport, this.probeUrl, this.probeTimeoutMs);
  }

  /** Closes pooled keep-alive sockets. */
  close(): void {
    this.transport.close();
  }

  onModuleDestroy(): void {
    this.close();
  }

  private purchases<T>(
    endpoint: EndpointDefinition,
    shape: ResponseShape,
    options: StreamSkillReadOptions,
    extra: Pick<CallSpec, 'body' | 'ids' | 'pathParams'> = {},
  ): Promise<T> {
    return this.runner.run<T>({ endpoint, shape, options, expandable: PURCHASE_EXPANDS, ...extra });
  }

  private action(
    endpoint: EndpointDefinition,
    orderId: number,
    body: unknown,
    options: StreamSkillCallOptions,
  ): Promise<ActionSuccess> {
    return this.runner.run({ endpoint, pathParams: { orderId }, body, shape: SHAPES.actionSuccess, options });
  }
}
