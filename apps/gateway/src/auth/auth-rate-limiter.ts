import type { ExecutionContext } from '@nestjs/common';

/**
 * Inbound rate limiting as the auth guard drives it, so that both run in one guard in a fixed order:
 * the per-IP limit on failed authentications around the key check, then the key's and customer's
 * budgets once the principal is known. Each step sets its headers and throws the 429 itself.
 * Provided by the rate-limit module; without one, nothing is limited.
 */
export interface AuthRateLimiter {
  /** Before the key is checked: throws while this client may not try to authenticate. */
  beforeVerification(context: ExecutionContext, publicId: string | null): void;
  /** After a failed authentication (every 401): counts it, throws once there were too many. */
  afterFailure(context: ExecutionContext): Promise<void>;
  /** Once request.principal is set: throws when the key's or its customer's budget is spent. */
  afterSuccess(context: ExecutionContext, publicId: string | null): Promise<void>;
}

export const AUTH_RATE_LIMITER = Symbol('AuthRateLimiter');
