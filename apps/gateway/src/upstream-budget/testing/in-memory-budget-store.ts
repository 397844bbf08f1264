import { backedOff, decideTake, levelAt, type BucketState } from '../stores/bucket-math';
import type { BucketLimits, BudgetState, BudgetStore, TakeRequest, TakeResult } from '../stores/budget-store';

/** The bucket arithmetic in memory, on Date.now() (fake timers drive it): for unit tests only. */
export class InMemoryBudgetStore implements BudgetStore {
  readonly backend = 'redis';
  readonly takes: TakeRequest[] = [];
  failing: Error | undefined;
  private global: BucketState | undefined;
  private backoffUntil: number | undefined;
  private rateLimitedTotal = 0;
  private readonly customers = new Map<string, BucketState>();

  constructor(private readonly limits: BucketLimits) {}

  async take(request: TakeRequest): Promise<TakeResult> {
    if (this.failing) throw this.failing;
    this.takes.push(request);
    const now = Date.now();
    const customer = request.customer ? this.customers.get(request.customer.id) : undefined;
    const decision = decideTake(
      { global: this.global, backoffUntil: this.backoffUntil, customer },
      request,
      this.limits,
      now,
    );
    if (decision.global) this.global = decision.global;
    if (decision.customer && request.customer) this.customers.set(request.customer.id, decision.customer);
    return decision.result;
  }

  async backOff(delayMs: number): Promise<void> {
    const now = Date.now();
    const tokens = backedOff(levelAt(this.global, now, this.limits), delayMs, this.limits.perSecond);
    this.global = { tokens, at: now };
    this.backoffUntil = Math.max(this.backoffUntil ?? 0, now + delayMs);
    this.rateLimitedTotal++;
  }

  async state(): Promise<BudgetState> {
    if (this.failing) throw this.failing;
    const now = Date.now();
    return {
      tokens: levelAt(this.global, now, this.limits),
      backoffMs: Math.max(0, (this.backoffUntil ?? 0) - now),
      rateLimitedTotal: this.rateLimitedTotal,
    };
  }
}
