import { TokenBucket, type BucketDecision, type BucketLimits } from './token-bucket';
import type { Clock } from '../common/clock';

/** One token bucket per bearer token (or per missing token), as StreamSkill limits per caller. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private rejected = 0;

  constructor(
    private limits: BucketLimits | false,
    private readonly clock: Clock,
  ) {}

  get config(): BucketLimits | false {
    return this.limits;
  }

  get rejectedCount(): number {
    return this.rejected;
  }

  /** Replaces the limits and refills every bucket. */
  configure(limits: BucketLimits | false): void {
    this.limits = limits;
    this.buckets.clear();
  }

  reset(limits: BucketLimits | false): void {
    this.configure(limits);
    this.rejected = 0;
  }

  /** Null when rate limiting is off. */
  take(callerKey: string): BucketDecision | null {
    if (!this.limits) return null;
    let bucket = this.buckets.get(callerKey);
    if (!bucket) {
      bucket = new TokenBucket(this.limits, this.clock.now());
      this.buckets.set(callerKey, bucket);
    }
    const decision = bucket.take(this.clock.now());
    if (!decision.allowed) this.rejected += 1;
    return decision;
  }
}
