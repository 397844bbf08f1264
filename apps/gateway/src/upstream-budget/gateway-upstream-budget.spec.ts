import { Logger } from '@nestjs/common';
import { StreamSkillBudgetExhaustedError, type UpstreamBudgetRequest } from '@app/streamskill';
import type { GatewayConfig, UpstreamBudgetSettings } from '../config/gateway-config';
import { RequestContext } from '../tenancy/request-context';
import { GatewayUpstreamBudget } from './gateway-upstream-budget';
import { InMemoryBudgetStore } from './testing/in-memory-budget-store';
import { UpstreamBudgetStats } from './upstream-budget-stats';

const SETTINGS: UpstreamBudgetSettings = {
  burst: 12,
  perSecond: 2,
  backgroundReserve: 10,
  waitMs: 2000,
  backgroundWaitMs: 30000,
  perCustomerBurst: 4,
  perCustomerPerSecond: 1,
  busyCustomerReserve: 5,
};
const CREATE = 'POST /purchases/create';

const interactive = (deadlineMs = 0): UpstreamBudgetRequest => ({
  priority: 'interactive',
  deadlineMs,
  endpoint: CREATE,
});
const background = (deadlineMs = 0): UpstreamBudgetRequest => ({
  priority: 'background',
  deadlineMs,
  endpoint: 'GET /purchases/bulk',
});

describe('GatewayUpstreamBudget', () => {
  let store: InMemoryBudgetStore;
  let stats: UpstreamBudgetStats;
  let budget: GatewayUpstreamBudget;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    store = new InMemoryBudgetStore({ burst: SETTINGS.burst, perSecond: SETTINGS.perSecond });
    stats = new UpstreamBudgetStats();
    budget = new GatewayUpstreamBudget(store, { upstreamBudget: SETTINGS } as GatewayConfig, stats);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  /** Acquires `count` times in a row with no waiting; returns how many were granted. */
  async function drain(request: UpstreamBudgetRequest, count: number): Promise<number> {
    let granted = 0;
    for (let i = 0; i < count; i++) {
      if (
        await budget.acquire(request).then(
          () => true,
          () => false,
        )
      )
        granted++;
    }
    return granted;
  }

  it('hands out the burst less the skew allowance (2 tokens), then refuses with a definite error', async () => {
    expect(await drain(interactive(), 20)).toBe(10);
    const error = await budget.acquire(interactive()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamSkillBudgetExhaustedError);
    expect(error).toMatchObject({
      kind: 'budget_exhausted',
      type: 'budget_exhausted',
      outcome: 'definite',
      endpoint: CREATE,
      retryAfterSeconds: 1,
    });
    expect(stats.snapshot()).toMatchObject({
      granted: { interactive: 10, background: 0 },
      refused: { interactive: 11, background: 0 },
      waiting: { interactive: 0, background: 0 },
    });
  });

  it('waits in small steps for the refill when the deadline allows it', async () => {
    await drain(interactive(), 10);
    let done = false;
    const waiting = budget.acquire(interactive(2000)).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(100);
    expect(done).toBe(false);
    expect(stats.snapshot().waiting.interactive).toBe(1);
    await jest.advanceTimersByTimeAsync(500);
    await waiting;
    expect(done).toBe(true);
    expect(stats.snapshot().waiting.interactive).toBe(0);
  });

  it('refuses at once when no token can come before the deadline', async () => {
    await drain(interactive(), 10);
    await expect(budget.acquire(interactive(100))).rejects.toMatchObject({ kind: 'budget_exhausted' });
    expect(store.takes).toHaveLength(11);
  });

  it('lets background calls take only what is above the reserve', async () => {
    expect(await drain(background(), 5)).toBe(1);
    expect(await drain(interactive(), 20)).toBe(9);
  });

  it("caps each customer's interactive calls without touching the others'", async () => {
    const asCustomer = (id: string, count: number) =>
      RequestContext.run({ tenantId: id }, () => drain(interactive(), count));
    expect(await asCustomer('reseller-a', 8)).toBe(4);
    expect(await asCustomer('reseller-b', 2)).toBe(2);
    expect(await drain(interactive(), 8)).toBe(4);
  });

  it('leaves the bottom of the bucket to customers that have not been busy', async () => {
    const asCustomer = (id: string, count: number) =>
      RequestContext.run({ tenantId: id }, () => drain(interactive(), count));
    // Past half of their own burst (2 of 4), customers only take while 8 tokens remain (5 + 2 + 1).
    expect(await asCustomer('reseller-a', 8)).toBe(4);
    expect(await asCustomer('reseller-b', 8)).toBe(3);
    expect(await asCustomer('reseller-c', 8)).toBe(3);
    expect((await store.state()).tokens).toBe(2);
  });

  it('backs off on an upstream 429 until its reset, and ignores other rate-limit headers', async () => {
    budget.observeRateLimit({ observedAt: Date.now(), endpoint: CREATE, status: 200, remaining: 0 });
    await expect(budget.acquire(interactive())).resolves.toBeUndefined();

    budget.observeRateLimit({ observedAt: Date.now(), endpoint: CREATE, status: 429, resetSeconds: 3 });
    // Retry-After: the reset, then 1 s for the 2 tokens kept in hand (below).
    await expect(budget.acquire(interactive(2000))).rejects.toMatchObject({ retryAfterSeconds: 4 });
    expect((await store.state()).backoffMs).toBe(3000);
    expect(stats.snapshot().rateLimited).toBe(1);

    // StreamSkill promised one token at the reset; the 2 kept in hand come 1 s later.
    await jest.advanceTimersByTimeAsync(3000);
    expect(await drain(interactive(), 3)).toBe(0);
    await jest.advanceTimersByTimeAsync(1000);
    expect(await drain(interactive(), 3)).toBe(1);
  });

  it('lets one waiter ask the store for its whole class, not every waiter every step', async () => {
    const flood = () =>
      RequestContext.run({ tenantId: 'reseller-a' }, () =>
        Promise.all(
          Array.from({ length: 20 }, () => budget.acquire(interactive(2000)).catch(() => 'refused')),
        ),
      );
    const done = flood();
    await jest.advanceTimersByTimeAsync(3000);
    const answers = await done;
    // 4 at once from the customer's own bucket, then 1 or 2 as it refills within the 2 s wait. Each
    // request asks once on arrival; then the 16 waiting share the store's answers (about 130
    // attempts otherwise).
    const granted = answers.filter((answer) => answer !== 'refused').length;
    expect(granted).toBeGreaterThanOrEqual(5);
    expect(granted).toBeLessThanOrEqual(6);
    expect(store.takes.length - 20).toBeLessThanOrEqual(10);
  });

  it('backs off for a second when a 429 gives no reset', async () => {
    budget.observeRateLimit({ observedAt: Date.now(), endpoint: CREATE, status: 429 });
    await expect(budget.acquire(interactive())).rejects.toMatchObject({ retryAfterSeconds: 2 });
  });

  it('refuses at once during a backoff a call whose deadline ends before it could be granted', async () => {
    budget.observeRateLimit({ observedAt: Date.now(), endpoint: CREATE, status: 429, resetSeconds: 1 });
    // Granted 2 s from now (the reset, then the tokens kept in hand): a 1.5 s wait would be in vain.
    const refused = budget.acquire(interactive(1500)).catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(0);
    expect(await refused).toMatchObject({ kind: 'budget_exhausted', retryAfterSeconds: 2 });
    const waited = budget.acquire(interactive(2500));
    await jest.advanceTimersByTimeAsync(2500);
    await expect(waited).resolves.toBeUndefined();
  });

  it('retries a failing store until the deadline, then reports the budget unavailable', async () => {
    store.failing = new Error('connect ECONNREFUSED');
    const refused = budget.acquire(interactive(250)).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(500);
    expect(await refused).toMatchObject({ kind: 'budget_exhausted', type: 'budget_unavailable' });
    expect(stats.snapshot().storeErrors).toBeGreaterThan(1);

    const recovered = budget.acquire(interactive(2000));
    await jest.advanceTimersByTimeAsync(50);
    store.failing = undefined;
    await jest.advanceTimersByTimeAsync(200);
    await expect(recovered).resolves.toBeUndefined();
  });

  it("stops waiting when the caller's signal fires", async () => {
    await drain(interactive(), 10);
    const controller = new AbortController();
    const waiting = budget
      .acquire({ ...interactive(2000), signal: controller.signal })
      .catch((e: unknown) => e);
    controller.abort();
    expect(await waiting).toMatchObject({ name: 'AbortError' });
    expect(stats.snapshot().waiting.interactive).toBe(0);
  });
});
