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

/** The policies of a key are built once per plan (limit-windows.ts): so is their header. */
const policyHeaders = new WeakMap<readonly LimitPolicy[], string>();

/** `"burst";q=30;w=1, "sustained";q=600;w=60` (draft-ietf-httpapi-ratelimit-headers-10). */
export function rateLimitPolicyHeader(policies: readonly LimitPolicy[]): string {
  let header = policyHeaders.get(policies);
  if (header === undefined) policyHeaders.set(policies, (header = policyHeaderOf(policies)));
  return header;
}

function policyHeaderOf(policies: readonly LimitPolicy[]): string {
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
