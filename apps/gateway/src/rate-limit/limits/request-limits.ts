import type { LimitPolicy, WindowState } from '../rate-limit-headers';

/** The limits one authenticated request is counted against. */
export interface RequestLimits {
  /** The shared budget: `c:<customer id>` (all keys of a customer), or `a:<key id>` for an admin key. */
  budgetTracker: string;
  /** The key's own budget: `k:<key id>`. */
  keyTracker: string;
  burst: number;
  perMinute: number;
  /** null when the plan gives keys no tighter limit than the customer's. */
  keyBurst: number | null;
  keyPerMinute: number | null;
}

/** Per-request state of inbound rate limiting, kept on the request between the guard's steps. */
export interface RequestRateLimit {
  limits: RequestLimits;
  policies: LimitPolicy[];
  /** The windows' answers, in order, up to the one that refused the request when it got 429. */
  windows: WindowState[];
}

declare module 'fastify' {
  interface FastifyRequest {
    rateLimit?: RequestRateLimit;
  }
}
