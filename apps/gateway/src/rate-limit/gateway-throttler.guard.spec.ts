import type { ExecutionContext } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { loadGatewayConfig } from '../config/load-gateway-config';
import { GatewayThrottlerGuard } from './gateway-throttler.guard';
import { counterKey } from './limits/limit-windows';
import type { RequestLimits } from './limits/request-limits';
import type { RequestLimitsResolver } from './limits/request-limits.resolver';
import type { RateLimitMetrics } from './rate-limit-metrics';
import { MemoryThrottlerStorage } from './storage/memory-throttler.storage';
import { RedisOutagePolicy } from './storage/redis-outage.policy';

const ENV = {
  DATABASE_URL: 'postgresql://localhost/db',
  STREAMSKILL_API_TOKEN: 'token',
  GATEWAY_KEY_PEPPER: 'pepper-0123456789abcdef0123456789abcdef',
};

const LIMITS: RequestLimits = {
  budgetTracker: 'c:1',
  keyTracker: 'k:1',
  burst: 10,
  perMinute: 3,
  keyBurst: null,
  keyPerMinute: 2,
};

function guardOn(storage: MemoryThrottlerStorage) {
  const metrics = { rejected: jest.fn(), storeFailed: jest.fn() } as unknown as RateLimitMetrics;
  const resolver = { limitsFor: async () => LIMITS } as unknown as RequestLimitsResolver;
  const outage = new RedisOutagePolicy(loadGatewayConfig(ENV), metrics, new MemoryThrottlerStorage());
  return { guard: new GatewayThrottlerGuard(storage, resolver, outage, metrics), metrics };
}

function requestContext() {
  const headers: Record<string, string> = {};
  const request = { method: 'GET', principal: { keyId: '1', customerId: '1' } } as unknown as FastifyRequest;
  const reply = { header: (name: string, value: string) => (headers[name] = value) };
  const http = { getRequest: () => request, getResponse: () => reply };
  return { context: { switchToHttp: () => http } as unknown as ExecutionContext, headers };
}

describe('GatewayThrottlerGuard', () => {
  it('counts every window of the request in one storage call, under the keys of <window>:<tracker>', async () => {
    const storage = new MemoryThrottlerStorage();
    const hitAll = jest.spyOn(storage, 'hitAll');
    const { guard } = guardOn(storage);
    const { context, headers } = requestContext();
    expect(await guard.canActivate(context)).toBe(true);
    expect(hitAll).toHaveBeenCalledTimes(1);
    expect(hitAll.mock.calls[0][0]).toEqual([
      { key: 'burst:c:1', ttl: 1000, limit: 10, name: 'burst' },
      { key: 'key-sustained:k:1', ttl: 60_000, limit: 2, name: 'key-sustained' },
      { key: 'sustained:c:1', ttl: 60_000, limit: 3, name: 'sustained' },
    ]);
    // The keys @nestjs/throttler's guard made with counterKey: counters survive a rolling deploy.
    expect(hitAll.mock.calls[0][0].map(({ key }) => key)).toEqual([
      counterKey(context, 'c:1', 'burst'),
      counterKey(context, 'k:1', 'key-sustained'),
      counterKey(context, 'c:1', 'sustained'),
    ]);
    expect(headers['RateLimit-Policy']).toBe(
      '"burst";q=10;w=1, "key-sustained";q=2;w=60, "sustained";q=3;w=60',
    );
    expect(headers.RateLimit).toBe('"burst";r=9;t=1, "key-sustained";r=1;t=60, "sustained";r=2;t=60');
  });

  it("answers 429 with the refusing window's name and lists the windows up to it", async () => {
    const storage = new MemoryThrottlerStorage();
    const { guard, metrics } = guardOn(storage);
    for (let hit = 0; hit < 2; hit++) await guard.canActivate(requestContext().context);
    const { context, headers } = requestContext();
    const refusal = await guard.canActivate(context).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ status: 429, type: 'rate_limited', headers: { 'Retry-After': '60' } });
    expect((refusal as Error).message).toContain('"key-sustained"');
    expect(headers.RateLimit).toBe('"burst";r=8;t=1, "key-sustained";r=0;t=60');
    expect(metrics.rejected).toHaveBeenCalledWith('key-sustained');
    // The refused request was counted in no window, the burst one before it included.
    expect(storage.hit('burst:c:1', 1000, 10).totalHits).toBe(3);
  });

  it('refuses to start on a storage that cannot count every window at once', () => {
    const stock = new ThrottlerStorageService();
    try {
      expect(() => guardOn(stock as unknown as MemoryThrottlerStorage)).toThrow(/hitAll/);
    } finally {
      stock.onApplicationShutdown();
    }
  });
});
