import type { FastifyReply } from 'fastify';
import type { WindowRecord } from './storage/window-record';

/** A limit as advertised in RateLimit-Policy: `q` requests per `w` seconds. */
export interface LimitPolicy {
  name: string;
  quota: number;
  windowSeconds: number;
}

/** What one window answered for this request, for the RateLimit field. */
export interface WindowState {
  policy: LimitPolicy;
  record: WindowRecord;
}

/** `"burst";q=30;w=1, "sustained";q=600;w=60` (draft-ietf-httpapi-ratelimit-headers-10). */
export function rateLimitPolicyHeader(policies: readonly LimitPolicy[]): string {
  return policies
    .map(({ name, quota, windowSeconds }) => `"${name}";q=${quota};w=${windowSeconds}`)
    .join(', ');
}

/** `"burst";r=12;t=1`: `r` requests left, `t` seconds until the window ends. */
export function rateLimitHeader(windows: readonly WindowState[]): string {
  return windows
    .map(({ policy, record }) => {
      const remaining = Math.max(0, policy.quota - record.totalHits);
      return `"${policy.name}";r=${remaining};t=${record.timeToExpire}`;
    })
    .join(', ');
}

export function writeRateLimitHeaders(
  reply: FastifyReply,
  policies: readonly LimitPolicy[],
  windows: readonly WindowState[],
): void {
  if (policies.length > 0) void reply.header('RateLimit-Policy', rateLimitPolicyHeader(policies));
  if (windows.length > 0) void reply.header('RateLimit', rateLimitHeader(windows));
}
