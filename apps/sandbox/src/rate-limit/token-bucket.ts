export interface BucketLimits {
  burst: number;
  perSecond: number;
}

export interface BucketDecision {
  allowed: boolean;
  limit: number;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Whole seconds until at least one token is available (0 if one is available now). */
  resetSeconds: number;
}

/** A classic token bucket: `burst` capacity, refilled continuously at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limits: BucketLimits,
    now: number,
  ) {
    this.tokens = limits.burst;
    this.updatedAt = now;
  }

  take(now: number): BucketDecision {
    this.refill(now);
    const allowed = this.tokens >= 1;
    if (allowed) this.tokens -= 1;
    return {
      allowed,
      limit: this.limits.burst,
      remaining: Math.floor(this.tokens),
      resetSeconds: this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.limits.perSecond),
    };
  }

  private refill(now: number): void {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.limits.burst, this.tokens + elapsedSeconds * this.limits.perSecond);
    this.updatedAt = now;
  }
}
