import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { PrismaService } from '@app/database';
import type {
  BucketLimits,
  BudgetStore,
  TakeRequest,
} from '../../apps/gateway/src/upstream-budget/stores/budget-store';
import { PostgresBudgetStore } from '../../apps/gateway/src/upstream-budget/stores/postgres-budget.store';
import { RedisBudgetStore } from '../../apps/gateway/src/upstream-budget/stores/redis-budget.store';
import { createTestDatabase } from '../support/test-database';
import { redisForTests, type TestRedis } from './redis-for-tests';
import { EMBEDDED_DATABASE } from './support';

/** A refill this slow adds nothing during a test: counts are exact. */
const SLOW: BucketLimits = { burst: 10, perSecond: 0.01 };
const INTERACTIVE: TakeRequest = { minTokens: 1.5 };

interface Backend {
  /** A store as one gateway instance would open it: its own connection. */
  open(namespace: string, limits: BucketLimits): BudgetStore;
  /** The stored tokens of a customer's bucket, undefined when it has none yet. */
  ownTokens(namespace: string, customerId: string): Promise<number | undefined>;
  close(): Promise<void>;
}

async function redisBackend(): Promise<Backend> {
  const redis: TestRedis = await redisForTests();
  const stores: RedisBudgetStore[] = [];
  const peek = new Redis(redis.url);
  return {
    open: (namespace, limits) => {
      const store = new RedisBudgetStore(redis.url, namespace, limits);
      stores.push(store);
      return store;
    },
    ownTokens: async (namespace, customerId) => {
      const tokens = await peek.hget(`${namespace}:customer:${customerId}`, 'tokens');
      return tokens === null ? undefined : Number(tokens);
    },
    close: async () => {
      await Promise.all(stores.map((store) => store.onModuleDestroy()));
      peek.disconnect();
      await redis.stop();
    },
  };
}

async function postgresBackend(): Promise<Backend> {
  const { url } = await createTestDatabase();
  const clients: PrismaService[] = [];
  const peek = new PrismaService({ url, poolSize: 1 });
  return {
    open: (namespace, limits) => {
      // One connection each on the embedded database, which mixes up concurrent connections' messages.
      const prisma = new PrismaService({ url, poolSize: EMBEDDED_DATABASE ? 1 : 4 });
      clients.push(prisma);
      return new PostgresBudgetStore(prisma, namespace, limits);
    },
    ownTokens: async (namespace, customerId) => {
      const row = await peek.upstreamBudgetBucket.findUnique({
        where: { name: `${namespace}:customer:${customerId}` },
      });
      return row?.tokens;
    },
    close: async () => {
      await Promise.all([...clients, peek].map((client) => client.$disconnect()));
    },
  };
}

describe.each([
  ['Redis', redisBackend],
  ['PostgreSQL', postgresBackend],
])('%s budget store shared by two instances', (_name, start) => {
  let backend: Backend;
  let namespace: string;
  let first: BudgetStore;
  let second: BudgetStore;

  beforeAll(async () => {
    backend = await start();
  });
  afterAll(() => backend.close());
  beforeEach(() => {
    namespace = `test:upstream-budget:{${randomUUID()}}`;
    first = backend.open(namespace, SLOW);
    second = backend.open(namespace, SLOW);
  });

  /** `count` takes at once, alternating between the two instances; returns how many were granted. */
  async function flood(count: number, request: TakeRequest = INTERACTIVE): Promise<number> {
    const results = await Promise.all(
      Array.from({ length: count }, (_, i) => (i % 2 ? first : second).take(request)),
    );
    return results.filter((result) => result.granted).length;
  }

  it('starts full, with no backoff', async () => {
    expect(await second.state()).toEqual({ tokens: 10, backoffMs: 0, rateLimitedTotal: 0 });
  });

  it('never hands out more than the bucket between them, under concurrent takes', async () => {
    const startedAt = Date.now();
    const granted = await flood(40);
    const refill = Math.floor(((Date.now() - startedAt) / 1000) * SLOW.perSecond);
    expect(granted).toBeGreaterThanOrEqual(9);
    expect(granted).toBeLessThanOrEqual(9 + refill);
    expect((await first.state()).tokens).toBeLessThan(1.5 + refill);
  });

  it('says how long until the next token, from either instance', async () => {
    const small = { burst: 2, perSecond: 0.01 };
    const [one, other] = [
      backend.open(`${namespace}:small`, small),
      backend.open(`${namespace}:small`, small),
    ];
    expect(await one.take(INTERACTIVE)).toEqual({ granted: true, tokens: expect.closeTo(1, 1) });
    const refused = await other.take(INTERACTIVE);
    expect(refused).toEqual({ granted: false, reason: 'tokens', waitMs: expect.any(Number) });
    // Half a token at 0.01 per second: 50 s, less whatever trickled in since the first take.
    expect(refused.granted || refused.waitMs).toBeLessThanOrEqual(50_000);
    expect(refused.granted || refused.waitMs).toBeGreaterThan(40_000);
  });

  it('lets background takes stop at the reserve, leaving it to interactive ones', async () => {
    expect(await flood(20, { minTokens: 5.5 })).toBe(5);
    expect(await flood(20)).toBe(4);
  });

  it("shares each customer's bucket too, and gives back its token when the shared one refuses", async () => {
    const customer = { id: 'reseller-a', limits: { burst: 3, perSecond: 0.01 }, busyMinTokens: 1.5 };
    expect(await flood(10, { ...INTERACTIVE, customer })).toBe(3);
    expect((await second.state()).tokens).toBeCloseTo(7, 1);

    await flood(20);
    const other = { ...customer, id: 'reseller-b' };
    expect(await first.take({ ...INTERACTIVE, customer: other })).toMatchObject({
      granted: false,
      reason: 'tokens',
    });
    expect((await backend.ownTokens(namespace, 'reseller-b')) ?? 3).toBeCloseTo(3, 1);
  });

  it('makes a busy customer leave the busy reserve to the others', async () => {
    const busy = (id: string) => ({ id, limits: { burst: 4, perSecond: 0.01 }, busyMinTokens: 6.5 });
    expect(await flood(8, { ...INTERACTIVE, customer: busy('a') })).toBe(4);
    expect(await flood(8, { ...INTERACTIVE, customer: busy('b') })).toBe(3);
    // 3 tokens are left: a customer that has not been busy may still take them (down to 1.5).
    expect(await flood(8, { ...INTERACTIVE, customer: busy('c') })).toBe(2);
    expect((await first.state()).tokens).toBeCloseTo(1, 1);
  });

  it('backs the other instance off after a 429 one of them saw', async () => {
    await first.backOff(5000);
    const refused = await second.take(INTERACTIVE);
    expect(refused).toMatchObject({ granted: false, reason: 'backoff' });
    expect(refused.granted || refused.waitMs).toBeGreaterThan(0);
    expect(refused.granted || refused.waitMs).toBeLessThanOrEqual(5000);
    const state = await second.state();
    expect(state.backoffMs).toBeGreaterThan(0);
    expect(state.rateLimitedTotal).toBe(1);
    expect(state.tokens).toBeLessThan(1);
  });

  it('keeps the longer of two backoffs', async () => {
    await first.backOff(8000);
    await second.backOff(1000);
    expect((await first.state()).backoffMs).toBeGreaterThan(1000);
    expect((await first.state()).rateLimitedTotal).toBe(2);
  });
});
