import pg from 'pg';
import { JOB_LOCK_CLASS, JOB_LOCK_KEYS } from '../../apps/gateway/src/background-jobs/background-job';
import { jobConnectionName } from '../../apps/gateway/src/background-jobs/job-lock';
import { startServer, type RunningServer } from '../../bench/support/processes';
import { TEST_PEPPER, UNREACHABLE_RATE_LIMITS } from '../support/gateway-harness';
import {
  UNLIMITED_UPSTREAM_BUDGET,
  newCustomer,
  purchaseRow,
  startPurchasesWorld,
  type PurchasesWorld,
} from '../purchases/support';
import { cartFor, statusSyncOf, uniqueChannel } from './support';

jest.setTimeout(180_000);

// Advisory locks need sessions of their own: the embedded test database has a single one.
const onRealPostgres = process.env.SSG_TEST_SHARED_DB_URL ? describe.skip : describe;

const JOBS_ON_A_SHORT_INTERVAL: NodeJS.ProcessEnv = {
  BACKGROUND_JOBS_ENABLED: 'true',
  STATUS_SYNC_INTERVAL_MS: '1000',
  RECONCILE_INTERVAL_MS: '1000',
};
/** Each status sync pass waits this long on StreamSkill, so the lock is held most of the time. */
const BULK_LATENCY_MS = 1_500;

onRealPostgres('background jobs when the instance running them is killed', () => {
  let world: PurchasesWorld;
  let other: RunningServer | undefined;
  let observer: pg.Client;

  beforeAll(async () => {
    world = await startPurchasesWorld(JOBS_ON_A_SHORT_INTERVAL);
    observer = new pg.Client({ connectionString: world.gw.databaseUrl });
    await observer.connect();
  });
  afterAll(async () => {
    await other?.stop();
    await observer?.end();
    await world?.gw.close();
  });

  /** The application names of the sessions holding the status sync's lock right now. */
  async function statusSyncHolders(): Promise<string[]> {
    const { rows } = await observer.query<{ name: string }>(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2
         -- Advisory locks are per database: other suites' gateways hold the same keys in theirs.
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [JOB_LOCK_CLASS, JOB_LOCK_KEYS['status-sync']],
    );
    return rows.map((row) => row.name);
  }

  it('moves them to the surviving instance, and never runs one job on both at once', async () => {
    const customer = await newCustomer(world);
    const created = await customer.call('POST', '/v1/purchases/create', { body: cartFor(uniqueChannel()) });
    expect(created.status).toBe(200);
    // A status the sandbox keeps, so that every pass reads the purchase back, slowly.
    await world.sandbox.forceStatus((await purchaseRow(world, created.body.id)).upstreamId!, 'stopped');
    await world.sandbox.setFaults({ method: 'GET', path: '/v1/purchases/bulk', latencyMs: BULK_LATENCY_MS });

    other = await startServer('gateway', 'gateway-server.ts', {
      DATABASE_URL: world.gw.databaseUrl,
      STREAMSKILL_API_TOKEN: world.gw.env.STREAMSKILL_API_TOKEN,
      STREAMSKILL_BASE_URL: world.gw.env.STREAMSKILL_BASE_URL,
      GATEWAY_KEY_PEPPER: TEST_PEPPER,
      LOG_LEVEL: 'warn',
      ...UNREACHABLE_RATE_LIMITS,
      ...UNLIMITED_UPSTREAM_BUDGET,
      ...JOBS_ON_A_SHORT_INTERVAL,
    });
    const killed = jobConnectionName(other.pid);
    const survivor = jobConnectionName();
    const seen: string[][] = [];
    const sample = async () => {
      const holders = await statusSyncHolders();
      seen.push(holders);
      return holders;
    };

    await waitFor(async () => (await sample()).includes(killed));
    // While the other instance runs a pass, this one may not start one.
    expect(await statusSyncOf(world).runOnce()).toEqual({ ran: false });

    process.kill(other.pid, 'SIGKILL');
    const killedAt = Date.now();
    await waitFor(async () => (await sample()).includes(survivor));
    process.stderr.write(
      `status sync moved to the surviving instance ${Date.now() - killedAt} ms after the kill\n`,
    );

    expect(seen.every((holders) => holders.length <= 1)).toBe(true);
    const after = await sample();
    expect(after).not.toContain(killed);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
