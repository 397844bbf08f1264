import pg from 'pg';
import { ReconcilePass } from '../../apps/gateway/src/reconciler/reconcile-pass';
import { Reconciler } from '../../apps/gateway/src/reconciler/reconciler.job';
import { JOB_LOCK_CLASS, JOB_LOCK_KEYS } from '../../apps/gateway/src/background-jobs/background-job';
import { startGateway, type GatewayHarness } from '../support/gateway-harness';
import { waitFor } from '../support/polling';
import { createTestDatabase } from '../support/test-database';
import {
  ageCreate,
  balanceOf,
  expectLedgerConsistent,
  holdsOf,
  newCustomer,
  pendingPurchase,
  purchaseRow,
  reconcilerOf,
  settlementFailures,
  startReconcilerWorld,
  type PurchasesWorld,
  type TestCustomer,
} from './support';

// Each suite boots gateways over a sandbox: slow when the machine is busy.
jest.setTimeout(120_000);

const UNCOMPLETE = 'GET /v1/purchases/uncomplete';

describe('reconciler: one charge however many passes run, one pass at a time', () => {
  let world: PurchasesWorld;
  let second: GatewayHarness;
  let customer: TestCustomer;

  beforeAll(async () => {
    world = await startReconcilerWorld();
    second = await startGateway({
      databaseUrl: world.gw.databaseUrl,
      sandbox: world.gw.sandbox,
      env: { ...world.gw.env, LOG_LEVEL: 'warn' },
    });
  });
  afterAll(async () => {
    await second.close();
    await world.gw.close();
  });
  beforeEach(async () => {
    await world.sandbox.clearFaults();
    customer = await newCustomer(world, { balance: '100.00', markupPercent: '10.00' });
  });

  /** Purchases StreamSkill recorded but whose answer was lost, old enough for the reconciler. */
  async function duePurchases(count: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < count; i++)
      ids.push(await pendingPurchase(world, customer, { resetAfterRecord: true }));
    for (const id of ids) await ageCreate(world, id);
    return ids;
  }

  async function expectChargedOnce(ids: number[]): Promise<void> {
    for (const id of ids) {
      expect((await purchaseRow(world, id)).billingState).toBe('charged');
      expect((await holdsOf(world, id)).map((hold) => hold.state)).toEqual(['captured']);
    }
    const total = (100 - 5.5 * ids.length).toFixed(2);
    expect(await balanceOf(world, customer.id)).toEqual({ total, held: '0.00' });
    await expectLedgerConsistent(world, [customer.id]);
  }

  it('charges once when runOnce is called twice at once', async () => {
    const ids = await duePurchases(3);
    const runs = await Promise.all([reconcilerOf(world).runOnce(), reconcilerOf(world).runOnce()]);
    expect(runs.filter((run) => run.ran)).toHaveLength(1);
    await expectChargedOnce(ids);
  });

  it('charges once when two passes race without the lock: the ledger settles each hold once', async () => {
    const ids = await duePurchases(3);
    const pass = world.gw.app.get(ReconcilePass);
    await Promise.all([pass.run(), pass.run(), second.app.get(ReconcilePass).run()]);
    await expectChargedOnce(ids);
    expect(settlementFailures(world, ids)).toEqual([]);
    expect(settlementFailures({ ...world, gw: second }, ids)).toEqual([]);
  });

  it('charges once when two gateway instances on one database reconcile at the same time', async () => {
    const ids = await duePurchases(3);
    await Promise.all([reconcilerOf(world).runOnce(), second.app.get(Reconciler).runOnce()]);
    await reconcilerOf(world).runOnce();
    await second.app.get(Reconciler).runOnce();
    await expectChargedOnce(ids);
  });

  it('lets only one instance run a pass at a time', async () => {
    const [id] = await duePurchases(1);
    await world.sandbox.setFaults({
      method: 'GET',
      path: '/v1/purchases/uncomplete',
      latencyMs: 1500,
      times: 1,
    });
    const before = (await world.sandbox.state()).counters.requests.byEndpoint[UNCOMPLETE] ?? 0;
    const first = reconcilerOf(world).runOnce();
    await waitFor(
      'the first pass reading upstream',
      async () => ((await world.sandbox.state()).counters.requests.byEndpoint[UNCOMPLETE] ?? 0) > before,
    );

    expect(await second.app.get(Reconciler).runOnce()).toEqual({ ran: false });
    expect(await reconcilerOf(world).runOnce()).toEqual({ ran: false });
    expect((await first).ran).toBe(true);
    expect((await purchaseRow(world, id)).billingState).toBe('charged');
    expect((await second.app.get(Reconciler).runOnce()).ran).toBe(true);
  });
});

// Advisory locks belong to a PostgreSQL session: the embedded database has one session for all.
const onRealPostgres = process.env.SSG_TEST_SHARED_DB_URL ? describe.skip : describe;

onRealPostgres('reconciler lock across processes (PostgreSQL advisory lock)', () => {
  let gw: GatewayHarness;
  let holder: pg.Client;

  beforeAll(async () => {
    const { url } = await createTestDatabase();
    gw = await startGateway({
      databaseUrl: url,
      env: { BACKGROUND_JOBS_ENABLED: 'false', LOG_LEVEL: 'warn' },
    });
    holder = new pg.Client({ connectionString: url });
    await holder.connect();
  });
  afterAll(async () => {
    await holder.end().catch(() => undefined);
    await gw.close();
  });

  it('skips passes while another process holds the lock, and takes over when that process dies', async () => {
    const reconciler = gw.app.get(Reconciler);
    await holder.query('SELECT pg_advisory_lock($1, $2)', [JOB_LOCK_CLASS, JOB_LOCK_KEYS.reconciler]);
    expect(await reconciler.runOnce()).toEqual({ ran: false });

    await holder.end(); // the holder's session ends as its process would: PostgreSQL drops the lock
    await waitFor('a pass after the holder died', async () => (await reconciler.runOnce()).ran);
  });
});
