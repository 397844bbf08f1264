import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { policiesFor } from './limits/limit-windows';
import { RequestRateLimit } from './limits/request-limits';
import { RequestLimitsResolver } from './limits/request-limits.resolver';
import { rateLimited } from './rate-limit-errors';
import { writeRateLimitHeaders } from './rate-limit-headers';
import { RateLimitMetrics } from './rate-limit-metrics';
import { RedisOutagePolicy } from './storage/redis-outage.policy';

/**
 * @nestjs/throttler's guard with the gateway's budgets: trackers are the key and the customer (see
 * RequestLimitsResolver), not the IP; counters span all routes; the answers are the IETF RateLimit
 * headers and the error envelope. Not a global guard: the auth guard calls it once the key is known.
 */
@Injectable()
export class GatewayThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly resolver: RequestLimitsResolver,
    private readonly outage: RedisOutagePolicy,
    private readonly metrics: RateLimitMetrics,
  ) {
    super(options, storage, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!request.principal) return true;
    const limits = await this.resolver.limitsFor(request.principal);
    const state: RequestRateLimit = { limits, policies: policiesFor(limits), windows: [] };
    request.rateLimit = state;
    try {
      return await super.canActivate(context);
    } finally {
      writeRateLimitHeaders(http.getResponse<FastifyReply>(), state.policies, state.windows);
    }
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration, getTracker, generateKey } = props;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const name = throttler.name ?? 'default';
    const key = generateKey(context, await getTracker(request, context), name);
    const count = () => this.storageService.increment(key, ttl, limit, blockDuration, name);
    const record = await this.outage.hit(request.method, count, key, ttl, limit);
    if (record === null) return true;
    request.rateLimit?.windows.push({ policy: { name, quota: limit, windowSeconds: ttl / 1000 }, record });
    if (record.isBlocked) {
      this.metrics.rejected(name);
      throw rateLimited(record.timeToBlockExpire, name);
    }
    return true;
  }
}
