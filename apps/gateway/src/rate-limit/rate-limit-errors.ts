import { GatewayError } from '../errors/gateway-error';

export function rateLimited(retryAfterSeconds: number, policy: string): GatewayError {
  return new GatewayError(
    429,
    'rate_limited',
    `Rate limit "${policy}" exceeded; retry after ${retryAfterSeconds} s.`,
    {
      headers: { 'Retry-After': String(retryAfterSeconds) },
    },
  );
}

/** RATE_LIMIT_REDIS_FAILURE_MODE=closed: a write is refused rather than let through uncounted. */
export function rateLimiterUnavailable(): GatewayError {
  return new GatewayError(
    503,
    'rate_limiter_unavailable',
    'Rate limiting is unavailable, so changes are refused for now; retry shortly.',
    { headers: { 'Retry-After': '1' } },
  );
}
