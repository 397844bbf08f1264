import { expectLedgerConsistent } from '../purchases/support';
import { redisForTests, type TestRedis } from './redis-for-tests';
import {
  CREATE_PATH,
  budgetCustomer,
  createOn,
  expectBoughtOrBusy,
  openHolds,
  startBudgetWorld,
  succeeded,
  until,
  type BudgetBackend,
  type BudgetWorld,
} from './support';

// Floods of concurrent creates through the whole purchase flow; machines running several suites are slow.
jest.setTimeout(120_000);

const FLOOD = 70;
const FEW = 5;

describe.each<BudgetBackend>(['postgres', 'redis'])(
  'one customer flooding creates, over the %s budget, against StreamSkill’s own bucket',
  (backend) => {
    let redis: TestRedis | undefined;
    let budget: BudgetWorld;

    beforeAll(async () => {
      redis = backend === 'redis' ? await redisForTests() : undefined;
      // Each customer may use the whole bucket: only the shared bucket and the busy reserve protect B.
      budget = await startBudgetWorld({
        backend,
        redisUrl: redis?.url,
        env: { UPSTREAM_BUDGET_PER_CUSTOMER_BURST: '30', UPSTREAM_BUDGET_PER_CUSTOMER_PER_SECOND: '2' },
      });
    });
    afterAll(async () => {
      await budget?.close();
      await redis?.stop();
    });

    it('leaves the other customer its share, and StreamSkill never answers 429', async () => {
      const [gw] = budget.gateways;
      const [flooder, other] = [await budgetCustomer(budget.world), await budgetCustomer(budget.world)];

      const flood = Promise.all(Array.from({ length: FLOOD }, () => createOn(gw, flooder)));
      // B arrives once A has taken most of the bucket: the hardest moment for it.
      await until(
        async () => ((await budget.control.state()).counters.requests.byEndpoint[CREATE_PATH] ?? 0) >= 20,
      );
      const few = await Promise.all(Array.from({ length: FEW }, () => createOn(gw, other)));
      const flooded = await flood;

      expectBoughtOrBusy([...flooded, ...few]);
      const total = succeeded(flooded) + succeeded(few);
      const fairShare = Math.min(FEW, Math.floor(total / 2));
      expect(succeeded(few)).toBeGreaterThanOrEqual(fairShare);
      expect(succeeded(few)).toBe(FEW);

      const state = await budget.control.state();
      expect(state.counters.rateLimited).toBe(0);
      // Refused creates were never sent: StreamSkill saw exactly the purchases that were made.
      expect(state.counters.requests.byEndpoint[CREATE_PATH]).toBe(total);
      expect(await openHolds(budget.world, [flooder.id, other.id])).toBe(0);
      await expectLedgerConsistent(budget.world, [flooder.id, other.id]);
    });
  },
);
