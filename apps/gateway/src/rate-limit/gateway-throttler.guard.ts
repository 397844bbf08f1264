import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { countersFor, policiesFor } from './limits/limit-windows';
import { RequestRateLimit } from './limits/request-limits';
import { RequestLimitsResolver } from './limits/request-limits.resolver';
import { rateLimited } from './rate-limit-errors';
import { writeRateLimitHeaders } from './rate-limit-headers';
import { RateLimitMetrics } from './rate-limit-metrics';
import { multiWindowStorage, MultiWindowThrottlerStorage } from './storage/multi-window-storage';
import { RedisOutagePolicy } from './storage/redis-outage.policy';

/**
 * Counts a request against the gateway's budgets: trackers are the key and the customer (see
 * RequestLimitsResolver), not the IP; counters span all routes; the answers are the IETF RateLimit
 * headers and the error envelope. All of a request's windows are counted in one call to the
 * @nestjs/throttler storage (one Redis round trip), rather than through ThrottlerGuard's loop, which
 * makes a call and several reflector lookups per window. Not a global guard: the auth guard calls it
 * once the key is known.
 */
@Injectable()
export class GatewayThrottlerGuard implements CanActivate {
  private readonly storage: MultiWindowThrottlerStorage;

  constructor(
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    private readonly resolver: RequestLimitsResolver,
    private readonly outage: RedisOutagePolicy,
    private readonly metrics: RateLimitMetrics,
  ) {
    this.storage = multiWindowStorage(storage);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!request.principal) return true;
    const limits = await this.resolver.limitsFor(request.principal);
    const state: RequestRateLimit = { limits, policies: policiesFor(limits), windows: [] };
    request.rateLimit = state;
    try {
      await this.count(request.method, state);
      return true;
    } finally {
      writeRateLimitHeaders(http.getResponse<FastifyReply>(), state.policies, state.windows);
    }
  }

  /** Throws the 429 of the first window (in counting order) that refuses. */
  private async count(method: string, state: RequestRateLimit): Promise<void> {
    const counters = countersFor(state.limits);
    const records = await this.outage.hitAll(method, () => this.storage.hitAll(counters), counters);
    if (records === null) return;
    const refusing = records.findIndex((record) => record.isBlocked);
    // The RateLimit field lists the windows up to the one that refused, as when counting stopped there.
    const shown = refusing < 0 ? records.length : refusing + 1;
    for (let index = 0; index < shown; index++) {
      state.windows.push({ policy: state.policies[index], record: records[index] });
    }
    if (refusing < 0) return;
    const { name } = counters[refusing];
    this.metrics.rejected(name);
    throw rateLimited(records[refusing].timeToBlockExpire, name);
  }
}
