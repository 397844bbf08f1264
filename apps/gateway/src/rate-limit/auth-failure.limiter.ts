import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { normalizeIp, type ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayConfig } from '../config/gateway-config';
import { rateLimited } from './rate-limit-errors';
import { LimitPolicy, writeRateLimitHeaders } from './rate-limit-headers';
import { RateLimitMetrics } from './rate-limit-metrics';
import { RATE_LIMIT_STORAGE } from './storage/rate-limit-storage';
import { ExpiringMap } from './storage/expiring-map';
import { RedisOutagePolicy } from './storage/redis-outage.policy';
import { windowRecord } from './storage/window-record';

const WINDOW_MS = 60_000;
/** How long a key that authenticated from an IP stays exempt from that IP's block. */
const TRUSTED_FOR_MS = 10 * 60_000;
const MAX_ENTRIES = 100_000;

/**
 * The per-IP limit on failed authentications, so that guessing keys is slow. Failures (401s) are
 * counted per IP in the shared storage; once an IP has too many in its window, its requests get 429
 * before their key is even checked, until the window ends: a blocked client learns nothing about its
 * guesses. Only failures count, so a busy NAT of valid clients is never limited; and a key that
 * authenticated from that IP in the last TRUSTED_FOR_MS passes even while the IP is blocked, so a
 * neighbour's failures do not lock out a working client. Blocks are remembered per instance once the
 * shared count says so: another instance lets at most one more guess through before it knows.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly policy: LimitPolicy;
  private readonly blockedUntil = new ExpiringMap<number>(WINDOW_MS, MAX_ENTRIES);
  private readonly trustedKeys = new ExpiringMap<true>(TRUSTED_FOR_MS, MAX_ENTRIES);

  constructor(
    config: GatewayConfig,
    @Inject(RATE_LIMIT_STORAGE) private readonly storage: ThrottlerStorage,
    private readonly outage: RedisOutagePolicy,
    private readonly metrics: RateLimitMetrics,
  ) {
    this.policy = {
      name: 'auth-failures',
      quota: config.rateLimit.authFailuresPerMinute,
      windowSeconds: WINDOW_MS / 1000,
    };
  }

  checkBeforeVerification(context: ExecutionContext, publicId: string | null): void {
    const ip = clientIp(context);
    const until = this.blockedUntil.get(ip);
    const msLeft = until === undefined ? 0 : until - performance.now();
    if (msLeft <= 0) return;
    if (publicId !== null && this.trustedKeys.get(`${ip} ${publicId}`)) return;
    this.refuse(context, msLeft);
  }

  async recordFailure(context: ExecutionContext): Promise<void> {
    const ip = clientIp(context);
    const key = `${this.policy.name}:ip:${ip}`;
    const { quota } = this.policy;
    const count = () => this.storage.increment(key, WINDOW_MS, quota, WINDOW_MS, this.policy.name);
    // No method: a failed authentication is never let through uncounted, whatever the failure mode.
    const record = await this.outage.hit(null, count, key, WINDOW_MS, quota);
    if (record === null) return;
    writeRateLimitHeaders(replyOf(context), [this.policy], [{ policy: this.policy, record }]);
    if (record.isBlocked) {
      const msLeft = record.timeToBlockExpire * 1000;
      this.blockedUntil.set(ip, performance.now() + msLeft);
      this.refuse(context, msLeft);
    }
  }

  trust(context: ExecutionContext, publicId: string): void {
    this.trustedKeys.set(`${clientIp(context)} ${publicId}`, true);
  }

  private refuse(context: ExecutionContext, msLeft: number): never {
    const record = windowRecord(this.policy.quota, true, msLeft);
    writeRateLimitHeaders(replyOf(context), [this.policy], [{ policy: this.policy, record }]);
    this.metrics.rejected(this.policy.name);
    throw rateLimited(record.timeToBlockExpire, this.policy.name);
  }
}

function clientIp(context: ExecutionContext): string {
  const ip = context.switchToHttp().getRequest<FastifyRequest>().ip;
  return ip ? normalizeIp(ip) : 'unknown';
}

function replyOf(context: ExecutionContext): FastifyReply {
  return context.switchToHttp().getResponse<FastifyReply>();
}
