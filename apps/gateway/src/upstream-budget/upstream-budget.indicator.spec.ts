import type { GatewayConfig, UpstreamBudgetSettings } from '../config/gateway-config';
import { InMemoryBudgetStore } from './testing/in-memory-budget-store';
import { UpstreamBudgetHealthIndicator } from './upstream-budget.indicator';
import { UpstreamBudgetStats } from './upstream-budget-stats';

const SETTINGS = { burst: 30, perSecond: 2, backgroundReserve: 10 } as UpstreamBudgetSettings;

describe('UpstreamBudgetHealthIndicator', () => {
  let store: InMemoryBudgetStore;
  let stats: UpstreamBudgetStats;
  let indicator: UpstreamBudgetHealthIndicator;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    store = new InMemoryBudgetStore({ burst: 30, perSecond: 2 });
    stats = new UpstreamBudgetStats();
    indicator = new UpstreamBudgetHealthIndicator(store, stats, {
      upstreamBudget: SETTINGS,
    } as GatewayConfig);
  });
  afterEach(() => jest.useRealTimers());

  it('reports the tokens, the settings and this instance’s counters', async () => {
    await store.take({ minTokens: 3 });
    stats.waitStarted('interactive');
    stats.granted('background');
    expect(await indicator.check()).toEqual({
      status: 'ok',
      latencyMs: expect.any(Number),
      backend: 'redis',
      tokens: 29,
      burst: 30,
      perSecond: 2,
      backgroundReserve: 10,
      waiting: { interactive: 1, background: 0 },
      granted: { interactive: 0, background: 1 },
      refused: { interactive: 0, background: 0 },
      rateLimited: { allInstances: 0, thisInstance: 0 },
      backoffUntil: null,
      storeErrors: 0,
    });
  });

  it('is degraded, with the end of the backoff, after an upstream 429', async () => {
    await store.backOff(4000);
    stats.rateLimitSeen();
    expect(await indicator.check()).toMatchObject({
      status: 'degraded',
      tokens: -7,
      rateLimited: { allInstances: 1, thisInstance: 1 },
      backoffUntil: '2030-01-01T00:00:04.000Z',
    });
  });

  it('is degraded, not failing, when the store cannot be read', async () => {
    store.failing = new Error('connect ECONNREFUSED 127.0.0.1:6379');
    expect(await indicator.check()).toMatchObject({
      status: 'degraded',
      error: 'redis store unreachable',
      backend: 'redis',
    });
  });
});
