import { StatusSync } from '../../apps/gateway/src/status-sync/status-sync.job';
import { balanceOf, expectLedgerConsistent, holdsOf } from '../purchases/support';
import { budgetCustomer, createOn, defaultBackend, startBudgetWorld, type BudgetWorld } from './support';

const BULK_PATH = 'GET /v1/purchases/bulk';

describe('upstream budget refusals (over the run’s backend: Redis with REDIS_URL, else PostgreSQL)', () => {
  describe('a create that gets no token in time', () => {
    let budget: BudgetWorld;

    beforeAll(async () => {
      // One call per customer, then one per 100 s: the second create is refused, deterministically.
      budget = await startBudgetWorld({
        ...defaultBackend(),
        env: { UPSTREAM_BUDGET_PER_CUSTOMER_BURST: '1', UPSTREAM_BUDGET_PER_CUSTOMER_PER_SECOND: '0.01' },
      });
    });
    afterAll(() => budget?.close());

    it('is answered 503 upstream_busy with Retry-After, nothing sent, its hold released', async () => {
      const { gw } = budget.world;
      const customer = await budgetCustomer(budget.world);
      expect((await createOn(gw, customer)).status).toBe(200);
      const sentBefore = (await budget.control.state()).counters.requests.total;
      const balanceBefore = await balanceOf(budget.world, customer.id);

      const refused = await createOn(gw, customer);
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ status: 503, type: 'upstream_busy', code: 0 });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(50);
      expect((await budget.control.state()).counters.requests.total).toBe(sentBefore);

      const [purchase] = await budget.world.prisma.purchase.findMany({
        where: { customerId: customer.id, billingState: 'rejected' },
      });
      expect(purchase.lastError).toMatchObject({ kind: 'budget_exhausted', outcome: 'definite' });
      expect((await holdsOf(budget.world, purchase.id)).map((hold) => hold.state)).toEqual(['released']);
      expect(await balanceOf(budget.world, customer.id)).toEqual(balanceBefore);
      expect((await customer.call('GET', `/v1/purchases/${purchase.id}`)).status).toBe(404);
      await expectLedgerConsistent(budget.world, [customer.id]);
    });
  });

  describe('background jobs', () => {
    let budget: BudgetWorld;

    beforeAll(async () => {
      // 15 tokens, a reserve of 10, and practically no refill: every take is counted exactly.
      budget = await startBudgetWorld({
        ...defaultBackend(),
        env: {
          UPSTREAM_BUDGET_BURST: '15',
          UPSTREAM_BUDGET_PER_SECOND: '0.01',
          UPSTREAM_BUDGET_BACKGROUND_RESERVE: '10',
          UPSTREAM_BUDGET_BACKGROUND_WAIT_MS: '0',
        },
      });
    });
    afterAll(() => budget?.close());

    it('take only what is above the reserve, which creates can still use', async () => {
      const { gw } = budget.world;
      const statusSync = gw.app.get(StatusSync);
      const bulkReads = async () =>
        (await budget.control.state()).counters.requests.byEndpoint[BULK_PATH] ?? 0;
      const customer = await budgetCustomer(budget.world);

      // Enabling the tariff took 2 tokens: 13 left. A create leaves 12: above the reserve, one batch
      // of the sync runs (11 left); any further batch (a database shared with other suites) cannot.
      expect((await createOn(gw, customer)).status).toBe(200);
      expect(await statusSync.runOnce()).toMatchObject({ ran: true });
      expect(await bulkReads()).toBe(1);

      // 10 after this create: the status sync may no longer spend anything.
      expect((await createOn(gw, customer)).status).toBe(200);
      const refused = await statusSync.runOnce();
      expect(refused.ran && refused.result.failedBatches).toBeGreaterThanOrEqual(1);
      expect(await bulkReads()).toBe(1);

      for (let i = 0; i < 3; i++) expect((await createOn(gw, customer)).status).toBe(200);

      const ready = await gw.call('GET', '/v1/health/ready');
      expect(ready.body.checks.upstreamBudget).toMatchObject({
        status: 'ok',
        granted: { interactive: 7, background: 1 },
        refused: { interactive: 0 },
        waiting: { interactive: 0, background: 0 },
        tokens: expect.closeTo(7, 0),
      });
    });
  });
});
