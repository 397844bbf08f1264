import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  StreamSkillBudgetExhaustedError,
  type RateLimitSnapshot,
  type UpstreamBudget,
  type UpstreamBudgetRequest,
} from '@app/streamskill';
import { GatewayConfig, type UpstreamBudgetSettings } from '../config/gateway-config';
import { RequestContext } from '../tenancy/request-context';
import { takeRequestFor } from './budget-policy';
import { BUDGET_STORE, type BudgetStore, type TakeRequest, type TakeResult } from './stores/budget-store';
import { pause } from './pause';
import { UpstreamBudgetStats } from './upstream-budget-stats';

/** Longest single sleep between two attempts, so that a token given back is noticed soon. */
const MAX_PAUSE_MS = 250;
/** Spreads the waiters' next attempts, so that the first one's answer reaches the others first. */
const PAUSE_JITTER_MS = 50;
const STORE_RETRY_MS = 100;
/** A 429 that does not say when to come back (or says 0) still backs off this long. */
const MIN_BACKOFF_SECONDS = 1;
const STORE_WARNING_INTERVAL_MS = 5_000;

type Refusal = Exclude<TakeResult, { granted: true }>;
type Attempt = TakeResult | { granted: false; reason: 'unavailable'; waitMs: number };

/**
 * The gateway's UpstreamBudget: each upstream call takes a token from the store shared by every
 * instance, waiting in small steps until its deadline; upstream 429s back every instance off.
 * See README.md.
 */
@Injectable()
export class GatewayUpstreamBudget implements UpstreamBudget {
  private readonly logger = new Logger('UpstreamBudget');
  private readonly settings: UpstreamBudgetSettings;
  /** This instance's copy of the backoff, effective before the store has recorded it. */
  private backoffUntil = 0;
  private lastStoreWarning = 0;
  /**
   * The store's last refusal per class of waiters (one customer, or one shared threshold): until
   * then, the others of the class wait here instead of asking the store again. A flood of one
   * customer then costs the store about one attempt per token, not one per waiting request.
   */
  private readonly refusals = new Map<string, Refusal & { until: number }>();

  constructor(
    @Inject(BUDGET_STORE) private readonly store: BudgetStore,
    config: GatewayConfig,
    private readonly stats: UpstreamBudgetStats,
  ) {
    this.settings = config.upstreamBudget;
  }

  async acquire({ priority, deadlineMs, endpoint, signal }: UpstreamBudgetRequest): Promise<void> {
    const customerId = priority === 'interactive' ? RequestContext.current()?.tenantId : undefined;
    const request = takeRequestFor(priority, customerId, this.settings);
    const deadline = Date.now() + deadlineMs;
    this.stats.waitStarted(priority);
    try {
      for (;;) {
        signal?.throwIfAborted();
        const attempt = await this.attempt(request);
        if (attempt.granted) {
          this.stats.granted(priority);
          return;
        }
        const waitMs = this.untilGranted(attempt, request);
        if (waitMs > deadline - Date.now()) {
          this.stats.refused(priority);
          throw exhausted(endpoint, deadlineMs, { ...attempt, waitMs });
        }
        await pause(Math.min(attempt.waitMs, MAX_PAUSE_MS) + Math.random() * PAUSE_JITTER_MS, signal);
      }
    } finally {
      this.stats.waitEnded(priority);
    }
  }

  observeRateLimit(snapshot: RateLimitSnapshot): void {
    if (snapshot.status !== 429) return;
    this.stats.rateLimitSeen();
    const delayMs = Math.max(MIN_BACKOFF_SECONDS, snapshot.resetSeconds ?? 0) * 1000;
    this.backoffUntil = Math.max(this.backoffUntil, Date.now() + delayMs);
    this.logger.warn(`StreamSkill answered ${snapshot.endpoint} with 429: backing off for ${delayMs} ms`);
    this.store.backOff(delayMs).catch((error: unknown) => this.storeFailed(error));
  }

  /**
   * How long until this request can be granted. A backoff ends with one token in the bucket (what
   * StreamSkill promises at its reset), and a take needs `minTokens`: the rest refill after it.
   */
  private untilGranted(attempt: Attempt & { granted: false }, request: TakeRequest): number {
    if (attempt.reason !== 'backoff') return attempt.waitMs;
    return attempt.waitMs + (Math.max(0, request.minTokens - 1) * 1000) / this.settings.perSecond;
  }

  private async attempt(request: TakeRequest): Promise<Attempt> {
    const backoffMs = this.backoffUntil - Date.now();
    if (backoffMs > 0) return { granted: false, reason: 'backoff', waitMs: backoffMs };
    const waitingClass = request.customer ? `customer:${request.customer.id}` : `shared:${request.minTokens}`;
    const known = this.refusals.get(waitingClass);
    if (known && known.until > Date.now()) return { ...known, waitMs: known.until - Date.now() };
    this.refusals.delete(waitingClass);
    try {
      const result = await this.store.take(request);
      if (!result.granted) this.remember(waitingClass, result);
      return result;
    } catch (error) {
      this.storeFailed(error);
      return { granted: false, reason: 'unavailable', waitMs: STORE_RETRY_MS };
    }
  }

  private remember(waitingClass: string, refusal: Refusal): void {
    const until = Date.now() + refusal.waitMs;
    if (refusal.reason === 'backoff') this.backoffUntil = Math.max(this.backoffUntil, until);
    else this.refusals.set(waitingClass, { ...refusal, until });
  }

  private storeFailed(error: unknown): void {
    this.stats.storeFailed();
    if (Date.now() - this.lastStoreWarning < STORE_WARNING_INTERVAL_MS) return;
    this.lastStoreWarning = Date.now();
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`The upstream budget's ${this.store.backend} store failed: ${reason}`);
  }
}

function exhausted(endpoint: string, deadlineMs: number, attempt: Attempt & { granted: false }) {
  const unavailable = attempt.reason === 'unavailable';
  return new StreamSkillBudgetExhaustedError({
    endpoint,
    type: unavailable ? 'budget_unavailable' : 'budget_exhausted',
    retryAfterSeconds: Math.max(1, Math.ceil(attempt.waitMs / 1000)),
    message: unavailable
      ? `StreamSkill ${endpoint} not sent: the upstream budget's store cannot be reached`
      : `StreamSkill ${endpoint} not sent: no upstream request token within ${deadlineMs} ms (${attempt.reason})`,
  });
}
