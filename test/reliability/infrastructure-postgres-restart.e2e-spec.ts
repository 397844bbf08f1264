import { StreamSkillClient } from '@app/streamskill';
import type { PurchasesWorld, TestCustomer } from '../purchases/support';
import { deployMigrations, PrivatePostgres, sleep, waitFor } from './support-infra';
import { undesignedAnswers } from './support-infra/designed-answers';
import {
  createRequest,
  CUSTOMER_CREDIT,
  fundedCustomers,
  printFigures,
  readiness,
  readRequests,
  startFaultWorld,
  waitUntilReady,
} from './support-infra/fault-world';
import { Traffic, tally } from './support-infra/traffic';
import { billingAgainstUpstream, CLEAN_BILLING } from './support-infra/upstream-billing';

jest.setTimeout(300_000);

const CUSTOMERS = 4;
const CREATE_WORKERS_PER_CUSTOMER = 2;
const READ_WORKERS_PER_CUSTOMER = 1;
const OUTAGE_AT_LEAST_MS = 5_000;

/** What a create may answer around an outage of the database; anything else (a 500, a hang) is a bug. */
const DESIGNED = {
  // 503 upstream_busy: the outbound budget lives in PostgreSQL too (no REDIS_URL) and fails closed.
  create: ['200', '202', '503 database_unavailable', '503 upstream_busy'],
  read: ['200', '503 database_unavailable'],
};

describe('PostgreSQL restarted in the middle of a burst of creates', () => {
  let pg: PrivatePostgres;
  let world: PurchasesWorld;
  let customers: TestCustomer[];
  // Stopped in afterAll too: a failed assertion must not leave clients firing at closed gateways.
  let runningTraffic: Traffic | undefined;

  beforeAll(async () => {
    pg = await PrivatePostgres.start();
    await deployMigrations(pg.url);
    world = await startFaultWorld({
      databaseUrl: pg.url,
      env: {
        DATABASE_POOL_SIZE: '10',
        // The reconciler runs on its own and may settle what the outage left within seconds.
        BACKGROUND_JOBS_ENABLED: 'true',
        RECONCILE_INTERVAL_MS: '1000',
        STREAMSKILL_WRITE_TIMEOUT_MS: '3000',
        PURCHASE_SETTLE_DEADLINE_MS: '3000',
      },
    });
    customers = await fundedCustomers(world, CUSTOMERS);
  });
  afterAll(async () => {
    await runningTraffic?.stop();
    await world?.gw.close();
    await pg?.destroy();
  });

  it('answers 503 database_unavailable while it is down, recovers by itself, and bills every upstream purchase once', async () => {
    const baseUrl = world.gw.url;
    const traffic = new Traffic(
      customers.flatMap((customer) => [
        ...Array.from({ length: CREATE_WORKERS_PER_CUSTOMER }, () => ({
          baseUrl,
          next: () => createRequest(customer.key),
        })),
        ...Array.from({ length: READ_WORKERS_PER_CUSTOMER }, () => ({
          baseUrl,
          next: readRequests(customer.key),
        })),
      ]),
    );
    runningTraffic = traffic;
    await traffic.answered(80);

    traffic.phase = 'outage';
    const stoppedAt = performance.now();
    await pg.stop();
    // Long enough for pooled connections to be retried and for clients to keep coming back.
    await Promise.all([traffic.answered(200), sleep(OUTAGE_AT_LEAST_MS)]);
    const whileDown = await readiness(baseUrl);

    traffic.phase = 'recovery';
    const restartedAt = performance.now();
    const outageMs = restartedAt - stoppedAt;
    await pg.start();
    await waitFor(
      'database check ok',
      async () => (await readiness(baseUrl)).body?.checks?.database?.status === 'ok',
    );
    const databaseBackMs = performance.now() - restartedAt;
    await waitUntilReady(baseUrl);
    const readyMs = performance.now() - restartedAt;

    traffic.phase = 'after';
    await traffic.answered(80);
    const samples = await traffic.stop();

    expect(whileDown.status).toBe(503);
    expect(whileDown.body.checks.database.status).toBe('error');
    expect(undesignedAnswers(samples, DESIGNED)).toEqual([]);
    expect(tally(traffic.inPhase('outage'))).toMatchObject({
      'read 503 database_unavailable': expect.any(Number),
    });
    // Recovered without a restart: every request sent once readiness said so is served.
    expect(traffic.inPhase('after').every((sample) => sample.status === 200)).toBe(true);

    // What the outage left pending is settled by the background reconciler alone.
    const settlingFrom = performance.now();
    await waitFor(
      'nothing left to settle',
      async () => {
        const left = await world.prisma.purchase.count({
          where: {
            customerId: { in: customers.map((c) => c.id) },
            billingState: { in: ['pending', 'needs_review'] },
          },
        });
        return left === 0;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    const settledMs = performance.now() - settlingFrom;
    const credited = new Map(customers.map((customer) => [customer.id, CUSTOMER_CREDIT]));
    const { report, figures } = await billingAgainstUpstream(
      world.prisma,
      world.sandbox,
      credited,
      world.gw.app.get(StreamSkillClient),
    );
    expect(report).toEqual(CLEAN_BILLING);
    printFigures('postgres restart', {
      load: `${CUSTOMERS} customers x (${CREATE_WORKERS_PER_CUSTOMER} create + ${READ_WORKERS_PER_CUSTOMER} read) closed-loop clients`,
      byPhase: traffic.byPhase(['before', 'outage', 'recovery', 'after']),
      outageMs: Math.round(outageMs),
      databaseBackMs: Math.round(databaseBackMs),
      settledAfterTestMs: Math.round(settledMs),
      readyMs: Math.round(readyMs),
      readinessWhileDown: whileDown.body.checks,
      purchases: figures,
    });
  });
});
