import Redis from 'ioredis';
import { pollUntil } from '../auth/support';
import { GatewayHarness, startGateway } from '../support/gateway-harness';
import {
  customerOnPlan,
  freePort,
  HAS_REDIS_SERVER,
  OwnRedis,
  rateLimitEnv,
  sequentially,
  statuses,
  uniquePrefix,
} from './support';

const account = (gw: GatewayHarness, key: string) => gw.call('GET', '/v1/account', { key });
/** A write that reaches the guard; its body is invalid, so past the guard it is a 422, never a purchase. */
const quote = (gw: GatewayHarness, key: string) => gw.call('POST', '/v1/quotes', { key, body: {} });
const readiness = async (gw: GatewayHarness) => (await gw.call('GET', '/v1/health/ready')).body;
const warned = (gw: GatewayHarness) =>
  gw.logs.some((line) => line.includes('Rate-limit counters unreachable in Redis'));

describe('with REDIS_URL pointing at a Redis that is not listening', () => {
  let setup: GatewayHarness;
  let local: GatewayHarness;
  let closed: GatewayHarness;

  beforeAll(async () => {
    const deadRedis = `redis://127.0.0.1:${await freePort()}`;
    // Customers and keys are made through a gateway without Redis; the others share its database.
    setup = await startGateway({ env: rateLimitEnv() });
    const shared = { databaseUrl: setup.databaseUrl, sandbox: setup.sandbox };
    closed = await startGateway({
      ...shared,
      env: rateLimitEnv({ REDIS_URL: deadRedis, RATE_LIMIT_REDIS_FAILURE_MODE: 'closed' }),
    });
    // Started last: Nest's Logger is one per process and writes to the last app's logs, and the
    // warning checked below is logged by this gateway.
    local = await startGateway({ ...shared, env: rateLimitEnv({ REDIS_URL: deadRedis }) });
  });
  afterAll(async () => {
    await closed?.close();
    await local?.close();
    await setup?.close();
  });

  it('boots, and reports Redis as degraded without failing readiness', async () => {
    const res = await local.call('GET', '/v1/health/ready');
    expect(res.body.checks.redis).toEqual({ status: 'degraded', error: 'redis unreachable' });
    expect(res.body.checks.database.status).toBe('ok');
    // Other checks (the sandbox upstream...) decide the rest; Redis alone never makes it 503.
    expect(res.body.status === 'error').toBe(
      Object.values(res.body.checks).some((c: any) => c.status === 'error'),
    );
  });

  it("local (default): counts reads and writes in the instance's memory, at the same quotas, with a warning", async () => {
    const { key } = await customerOnPlan(setup, { burst: 1000, perMinute: 4 });
    const answers = [
      ...(await sequentially(2, () => account(local, key))),
      ...(await sequentially(3, () => quote(local, key))),
    ];
    expect(statuses(answers)).toEqual([200, 200, 422, 422, 429]);
    expect(answers[4].body.type).toBe('rate_limited');
    expect(answers[4].headers.get('ratelimit')).toMatch(/"sustained";r=0;/);
    expect(warned(local)).toBe(true);
    const metrics = (await local.call('GET', '/metrics')).body as string;
    expect(metrics).toMatch(/^gateway_rate_limit_store_failures_total\{action="local"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^gateway_rate_limit_rejections_total\{policy="sustained"\} [1-9]\d*$/m);
  });

  it('closed: lets reads through uncounted, refuses writes with 503', async () => {
    const { key } = await customerOnPlan(setup, { burst: 1000, perMinute: 2 });
    expect(statuses(await sequentially(5, () => account(closed, key)))).toEqual([200, 200, 200, 200, 200]);
    const write = await quote(closed, key);
    expect(write.status).toBe(503);
    expect(write.body.type).toBe('rate_limiter_unavailable');
    expect(write.headers.get('retry-after')).toBe('1');
    const metrics = (await closed.call('GET', '/metrics')).body as string;
    // Counted per window: each read failed to update its burst and its sustained counter.
    expect(metrics).toMatch(/^gateway_rate_limit_store_failures_total\{action="open"\} 10$/m);
    expect(metrics).toMatch(/^gateway_rate_limit_store_failures_total\{action="refused"\} 1$/m);
  });

  it('still limits failed authentications per IP, in memory, in every mode', async () => {
    const bad = await closed.call('GET', '/v1/account', { key: 'not-a-key' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('ratelimit')).toMatch(/^"auth-failures";r=99999;/);
  });
});

(HAS_REDIS_SERVER ? describe : describe.skip)('when Redis stops and starts again', () => {
  let redis: OwnRedis;
  let gw: GatewayHarness;
  let probe: Redis;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    redis = await OwnRedis.start();
    gw = await startGateway({ env: rateLimitEnv({ REDIS_URL: redis.url, RATE_LIMIT_REDIS_PREFIX: prefix }) });
    probe = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  });
  afterAll(async () => {
    probe?.disconnect();
    await gw?.close();
    await redis?.stop();
  });

  it('counts in Redis, then in memory while it is down, then in Redis again once it is back', async () => {
    const { customer, key } = await customerOnPlan(gw, { burst: 1000, perMinute: 5 });
    const counter = `${prefix}sustained:c:${customer.id}`;
    expect(statuses(await sequentially(3, () => account(gw, key)))).toEqual([200, 200, 200]);
    expect(redis.cli('GET', counter)).toBe('3');

    await redis.stop();
    expect((await readiness(gw)).checks.redis.status).toBe('degraded');
    // The outage starts a fresh count in this instance's memory: the same quota, never unlimited.
    expect(statuses(await sequentially(6, () => account(gw, key)))).toEqual([200, 200, 200, 200, 200, 429]);
    expect(warned(gw)).toBe(true);

    await redis.start();
    await pollUntil(async () => (await readiness(gw)).checks.redis.status === 'ok', {
      attempts: 40,
      intervalMs: 250,
    });
    // The restarted Redis kept nothing (no persistence): counting resumes there from zero.
    expect((await account(gw, key)).status).toBe(200);
    expect(redis.cli('GET', counter)).toBe('1');
  });
});
