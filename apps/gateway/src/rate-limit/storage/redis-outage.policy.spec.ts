import { Logger } from '@nestjs/common';
import { GatewayError } from '../../errors/gateway-error';
import { loadGatewayConfig } from '../../config/load-gateway-config';
import { RateLimitMetrics } from '../rate-limit-metrics';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import { outageAction, RedisOutagePolicy } from './redis-outage.policy';
import { windowRecord } from './window-record';

const ENV = {
  DATABASE_URL: 'postgresql://localhost/db',
  STREAMSKILL_API_TOKEN: 'token',
  GATEWAY_KEY_PEPPER: 'pepper-0123456789abcdef0123456789abcdef',
};

function policy(mode: string) {
  const metrics = { storeFailed: jest.fn(), rejected: jest.fn() };
  const config = loadGatewayConfig({ ...ENV, RATE_LIMIT_REDIS_FAILURE_MODE: mode });
  const outage = new RedisOutagePolicy(
    config,
    metrics as unknown as RateLimitMetrics,
    new MemoryThrottlerStorage(),
  );
  return { outage, metrics };
}
const down = () => Promise.reject(new Error('Command timed out'));

describe('outageAction', () => {
  it.each([
    ['local', 'GET', 'local'],
    ['local', 'POST', 'local'],
    ['open', 'GET', 'open'],
    ['open', 'HEAD', 'open'],
    ['open', 'POST', 'local'],
    ['open', 'DELETE', 'local'],
    ['closed', 'GET', 'open'],
    ['closed', 'PUT', 'refused'],
    ['closed', 'PATCH', 'refused'],
  ] as const)('%s mode, %s: %s', (mode, method, action) => {
    expect(outageAction(mode, method)).toBe(action);
  });
});

describe('RedisOutagePolicy', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));

  it('passes the shared answer through while Redis answers', async () => {
    const { outage, metrics } = policy('closed');
    const answer = windowRecord(1, false, 1000);
    expect(await outage.hit('POST', async () => answer, 'k', 1000, 1)).toBe(answer);
    expect(metrics.storeFailed).not.toHaveBeenCalled();
  });

  it('local: counts in memory at the same quota', async () => {
    const { outage, metrics } = policy('local');
    const hits = [];
    for (let hit = 0; hit < 3; hit++) hits.push(await outage.hit('POST', down, 'k', 60_000, 2));
    expect(hits.map((record) => record?.isBlocked)).toEqual([false, false, true]);
    expect(metrics.storeFailed).toHaveBeenCalledWith('local', 1);
  });

  it('closed: reads go through uncounted, writes get 503', async () => {
    const { outage, metrics } = policy('closed');
    expect(await outage.hit('GET', down, 'k', 60_000, 1)).toBeNull();
    const refusal = await outage.hit('POST', down, 'k', 60_000, 1).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(GatewayError);
    expect(refusal).toMatchObject({ status: 503, type: 'rate_limiter_unavailable' });
    expect(metrics.storeFailed.mock.calls).toEqual([
      ['open', 1],
      ['refused', 1],
    ]);
  });

  it('never lets a hit without a method (failed authentications) go uncounted', async () => {
    const { outage } = policy('closed');
    expect(await outage.hit(null, down, 'k', 60_000, 1)).toMatchObject({ isBlocked: false });
    expect(await outage.hit(null, down, 'k', 60_000, 1)).toMatchObject({ isBlocked: true });
  });

  describe('hitAll (every window of a request at once)', () => {
    const windows = [
      { key: 'burst:c:1', ttl: 1000, limit: 10, name: 'burst' },
      { key: 'sustained:c:1', ttl: 60_000, limit: 2, name: 'sustained' },
    ];

    it('passes the shared answer through while Redis answers', async () => {
      const { outage } = policy('closed');
      const answer = [windowRecord(1, false, 1000), windowRecord(1, false, 60_000)];
      expect(await outage.hitAll('POST', () => Promise.resolve(answer), windows)).toBe(answer);
    });

    it('local: counts every window in memory, a refused hit in none', async () => {
      const { outage, metrics } = policy('local');
      const hits = [];
      for (let hit = 0; hit < 3; hit++) hits.push(await outage.hitAll('GET', down, windows));
      expect(hits.map((records) => records?.map((record) => [record.totalHits, record.isBlocked]))).toEqual([
        [
          [1, false],
          [1, false],
        ],
        [
          [2, false],
          [2, false],
        ],
        [
          [2, false],
          [3, true],
        ],
      ]);
      // Counted per window Redis did not update, as when each window was its own call.
      expect(metrics.storeFailed.mock.calls).toEqual([
        ['local', 2],
        ['local', 2],
        ['local', 2],
      ]);
    });

    it('closed: reads go through uncounted, writes get 503 (one refusal per request)', async () => {
      const { outage, metrics } = policy('closed');
      expect(await outage.hitAll('GET', down, windows)).toBeNull();
      await expect(outage.hitAll('POST', down, windows)).rejects.toMatchObject({ status: 503 });
      expect(metrics.storeFailed.mock.calls).toEqual([
        ['open', 2],
        ['refused', 1],
      ]);
    });

    it('catches a storage that throws before returning a promise', async () => {
      const { outage } = policy('open');
      const thrown = () => {
        throw new Error('Connection is closed.');
      };
      expect(await outage.hitAll('HEAD', thrown, windows)).toBeNull();
    });
  });
});
