import { StreamSkillClient } from '@app/streamskill';
import { uniquePrefix } from '../rate-limit/support';
import type { PurchasesWorld, TestCustomer } from '../purchases/support';
import { PrivateRedis, waitFor } from './support-infra';
import { outcomeOf, undesignedAnswers } from './support-infra/designed-answers';
import {
  CUSTOMER_CREDIT,
  createRequest,
  fundedCustomers,
  printFigures,
  readiness,
  readRequests,
  startFaultWorld,
} from './support-infra/fault-world';
import { createsInTurn, limitedCustomer } from './support-infra/limited-customer';
import { Traffic, tally } from './support-infra/traffic';
import { billingAgainstUpstream, CLEAN_BILLING } from './support-infra/upstream-billing';

jest.setTimeout(300_000);

const LOAD_CUSTOMERS = 3;
const PER_MINUTE = 6;

/** rate-limit/README.md and upstream-budget/README.md, mode `local` (the default). */
const DESIGNED = {
  // While Redis is down the budget fails closed (upstream_busy); the limits count in memory (429).
  create: ['200', '503 upstream_busy', '429 rate_limited'],
  read: ['200'],
};

describe('Redis stopped and started again under two gateway instances', () => {
  let redis: PrivateRedis;
  let one: PurchasesWorld;
  let two: PurchasesWorld;
  let customers: TestCustomer[];
  // Stopped in afterAll too: a failed assertion must not leave clients firing at closed gateways.
  let runningTraffic: Traffic | undefined;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    const env = {
      REDIS_URL: redis.url,
      RATE_LIMIT_REDIS_PREFIX: uniquePrefix(),
      // A loaded machine can stall the event loop past a short timeout (see test/rate-limit/support.ts).
      RATE_LIMIT_REDIS_TIMEOUT_MS: '5000',
      UPSTREAM_BUDGET_WAIT_MS: '500',
      BACKGROUND_JOBS_ENABLED: 'false',
    };
    one = await startFaultWorld({ env });
    two = await startFaultWorld({ env, databaseUrl: one.gw.databaseUrl, sandbox: one.gw.sandbox });
    customers = await fundedCustomers(one, LOAD_CUSTOMERS);
  });
  afterAll(async () => {
    await runningTraffic?.stop();
    await two?.gw.close();
    await one?.gw.close();
    await redis?.destroy();
  });

  it('keeps reads up, counts creates in memory and refuses their upstream calls while it is down, then shares limits and budget again', async () => {
    const instances = [one.gw, two.gw];
    const limited = await limitedCustomer(one.gw, PER_MINUTE);
    const traffic = new Traffic(
      customers.flatMap((customer, index) =>
        instances.map((gw) => ({
          baseUrl: gw.url,
          next: index % 2 ? readRequests(customer.key) : () => createRequest(customer.key),
        })),
      ),
    );
    runningTraffic = traffic;
    await traffic.answered(60);

    // Requests sent while Redis shuts down may still get its tokens: 'outage' starts once it is gone.
    traffic.phase = 'stopping';
    const stoppedAt = performance.now();
    await redis.stop();
    traffic.phase = 'outage';
    await traffic.answered(60);
    const whileDown = await Promise.all(instances.map((gw) => readiness(gw.url)));
    // Each instance counts the limited customer's creates in its own memory, at the plan's quota.
    const limitedWhileDown = [
      ...(await createsInTurn([one.gw], limited.key, PER_MINUTE + 1)),
      ...(await createsInTurn([two.gw], limited.key, PER_MINUTE + 1)),
    ].map(outcomeOf);

    traffic.phase = 'recovery';
    const restartedAt = performance.now();
    const outageMs = restartedAt - stoppedAt;
    await redis.start();
    for (const gw of instances) {
      await waitFor('redis and budget ok', async () => {
        const { body } = await readiness(gw.url);
        return body?.checks?.redis?.status === 'ok' && body?.checks?.upstreamBudget?.status === 'ok';
      });
    }
    const recoveredMs = performance.now() - restartedAt;
    traffic.phase = 'after';
    await traffic.answered(60);
    const samples = await traffic.stop();
    // Redis kept nothing: the limited customer's count starts afresh there, shared by both instances.
    const limitedAfter = (await createsInTurn(instances, limited.key, PER_MINUTE + 2)).map(outcomeOf);
    const budgetKeys = await redis.cli('--scan', '--pattern', 'ssg:upstream-budget:*');

    expect(undesignedAnswers(samples, DESIGNED)).toEqual([]);
    // The budget fails closed: no create both sent and answered while Redis was down reached upstream
    // (one still waiting for its token when Redis came back may be served: no bypass).
    expect(tally(traffic.withinPhase('outage').filter((s) => s.label === 'create'))).toEqual({
      'create 503 upstream_busy': expect.any(Number),
    });
    expect(traffic.inPhase('after').every((sample) => sample.status === 200)).toBe(true);
    for (const { status, body } of whileDown) {
      expect({
        status,
        overall: body.status,
        redis: body.checks.redis.status,
        budget: body.checks.upstreamBudget.status,
      }).toEqual({
        status: 200,
        overall: 'degraded',
        redis: 'degraded',
        budget: 'degraded',
      });
    }
    const perInstance = [...Array(PER_MINUTE).fill('503 upstream_busy'), '429 rate_limited'];
    expect(limitedWhileDown).toEqual([...perInstance, ...perInstance]);
    expect(limitedAfter).toEqual([...Array(PER_MINUTE).fill('200'), '429 rate_limited', '429 rate_limited']);
    expect(budgetKeys).not.toBe('');

    const credited = new Map([...customers, limited].map((customer) => [customer.id, CUSTOMER_CREDIT]));
    const { report, figures } = await billingAgainstUpstream(
      one.prisma,
      one.sandbox,
      credited,
      one.gw.app.get(StreamSkillClient),
    );
    expect(report).toEqual(CLEAN_BILLING);
    printFigures('redis restart', {
      load: `${LOAD_CUSTOMERS} customers x 2 instances closed-loop clients (creates or reads)`,
      byPhase: traffic.byPhase(['before', 'stopping', 'outage', 'recovery', 'after']),
      limitedWhileDown,
      limitedAfter,
      outageMs: Math.round(outageMs),
      recoveredMs: Math.round(recoveredMs),
      readinessWhileDown: whileDown.map((answer) => answer.body.checks),
      purchases: figures,
    });
  });
});
