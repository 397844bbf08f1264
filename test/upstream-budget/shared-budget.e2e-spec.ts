import { StreamSkillClient } from '@app/streamskill';
import { redisForTests, type TestRedis } from './redis-for-tests';
import {
  CREATE_PATH,
  EMBEDDED_DATABASE,
  budgetCustomer,
  createOn,
  expectBoughtOrBusy,
  openHolds,
  startBudgetWorld,
  succeeded,
  type BudgetBackend,
  type BudgetWorld,
} from './support';

// Floods of concurrent creates through the whole purchase flow; machines running several suites are slow.
jest.setTimeout(120_000);

const PER_INSTANCE = 40;

// Two instances need a real PostgreSQL: the embedded one serves a single instance (zero-config).
const onRealPostgres = EMBEDDED_DATABASE ? describe.skip : describe;

onRealPostgres.each<BudgetBackend>(['postgres', 'redis'])('two gateways sharing the %s budget', (backend) => {
  let redis: TestRedis | undefined;
  let budget: BudgetWorld;

  beforeAll(async () => {
    redis = backend === 'redis' ? await redisForTests() : undefined;
    budget = await startBudgetWorld({
      backend,
      redisUrl: redis?.url,
      instances: 2,
      env: { UPSTREAM_BUDGET_PER_CUSTOMER_BURST: '30', UPSTREAM_BUDGET_PER_CUSTOMER_PER_SECOND: '2' },
    });
  });
  afterAll(async () => {
    await budget?.close();
    await redis?.stop();
  });

  it('never exceed StreamSkill’s bucket together', async () => {
    const customers = [await budgetCustomer(budget.world), await budgetCustomer(budget.world)];
    const answers = await Promise.all(
      budget.gateways.flatMap((gw) =>
        Array.from({ length: PER_INSTANCE }, (_, i) => createOn(gw, customers[i % 2])),
      ),
    );
    expectBoughtOrBusy(answers);
    const state = await budget.control.state();
    expect(state.counters.rateLimited).toBe(0);
    expect(state.counters.requests.byEndpoint[CREATE_PATH]).toBe(succeeded(answers));
    expect(
      await openHolds(
        budget.world,
        customers.map((c) => c.id),
      ),
    ).toBe(0);
  });

  it('both back off after a 429 either of them saw, until its reset', async () => {
    const [first, second] = budget.gateways;
    const customer = await budgetCustomer(budget.world);
    const before = (await budget.control.state()).counters.rateLimited;
    // Another user of the master token empties StreamSkill's bucket behind the gateways' back.
    await budget.control.setRateLimit({ burst: 1, perSecond: 0.1 });
    const outsider = new StreamSkillClient({ baseUrl: budget.sandbox.url, token: budget.sandbox.token });
    await outsider.getTarif(1);
    outsider.close();

    const refused = await createOn(first, customer);
    expect(refused.status).toBe(503);
    expect(refused.body.type).toBe('upstream_busy');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(5);
    const seen = (await budget.control.state()).counters;
    expect(seen.rateLimited).toBe(before + 1);

    const held = await createOn(second, customer);
    expect(held.status).toBe(503);
    expect(held.body.type).toBe('upstream_busy');
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThanOrEqual(2);
    // The second instance did not even try: StreamSkill saw nothing more.
    expect((await budget.control.state()).counters.requests.total).toBe(seen.requests.total);

    const ready = await second.call('GET', '/v1/health/ready');
    expect(ready.body.checks.upstreamBudget).toMatchObject({
      status: 'degraded',
      backend,
      rateLimited: { allInstances: expect.any(Number), thisInstance: 0 },
      backoffUntil: expect.any(String),
    });
    expect(ready.body.checks.upstreamBudget.rateLimited.allInstances).toBeGreaterThanOrEqual(1);
    expect(await openHolds(budget.world, [customer.id])).toBe(0);
  });
});
