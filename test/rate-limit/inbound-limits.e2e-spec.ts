import { randomBytes } from 'node:crypto';
import { ApiKeysService } from '../../apps/gateway/src/api-keys/api-keys.service';
import { createCustomer, issueKey, pollUntil } from '../auth/support';
import { GatewayHarness, startGateway } from '../support/gateway-harness';
import { count, customerOnPlan, putPlan, rateLimitEnv, sequentially, statuses } from './support';

/** Counters in the run's Redis when REDIS_URL is set (CI), in memory otherwise: both storages get run. */
const storage = process.env.REDIS_URL ? 'Redis' : 'memory';
const account = (gw: GatewayHarness, key: string) => gw.call('GET', '/v1/account', { key });
const guessedKey = () => `ssg_${'a'.repeat(12)}_${randomBytes(32).toString('hex').slice(0, 43)}`;

describe(`inbound rate limits (counters in ${storage})`, () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await startGateway({ env: rateLimitEnv({ REDIS_URL: process.env.REDIS_URL }) });
  });
  afterAll(() => gw?.close());

  it("advertises the customer's policies and what is left of them on every response", async () => {
    const { plan, key } = await customerOnPlan(gw, { burst: 1000, perMinute: 500 });
    const res = await account(gw, key);
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-policy')).toBe('"burst";q=1000;w=1, "sustained";q=500;w=60');
    expect(res.headers.get('ratelimit')).toMatch(/^"burst";r=999;t=1, "sustained";r=499;t=(60|[1-5]?\d)$/);
    expect(res.body.rateLimit).toEqual({
      plan,
      burst: 1000,
      perMinute: 500,
      keyBurst: null,
      keyPerMinute: null,
    });
  });

  it('answers 429 in the error envelope, with Retry-After, once the minute budget is spent', async () => {
    const { key } = await customerOnPlan(gw, { burst: 1000, perMinute: 5 });
    const answers = await sequentially(8, () => account(gw, key));
    expect(statuses(answers)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const refused = answers[5];
    expect(refused.body).toEqual({
      name: 'Too Many Requests',
      message: expect.stringContaining('"sustained"'),
      code: 0,
      status: 429,
      type: 'rate_limited',
      requestId: expect.any(String),
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-policy')).toBe('"burst";q=1000;w=1, "sustained";q=5;w=60');
    expect(refused.headers.get('ratelimit')).toMatch(
      new RegExp(`^"burst";r=\\d+;t=1, "sustained";r=0;t=${retryAfter}$`),
    );
  });

  it('answers 429 past the burst: a burst of concurrent requests gets refused with "burst"', async () => {
    const { key } = await customerOnPlan(gw, { burst: 3, perMinute: 100_000 });
    // The 1 s window may roll over between requests on a slow machine: send bursts until one is cut.
    let refused: Awaited<ReturnType<typeof account>> | undefined;
    await pollUntil(
      async () => {
        const answers = await Promise.all(Array.from({ length: 10 }, () => account(gw, key)));
        refused = answers.find((answer) => answer.status === 429);
        return refused !== undefined && count(statuses(answers), 200) >= 1;
      },
      { attempts: 20, intervalMs: 0 },
    );
    expect(refused!.headers.get('retry-after')).toBe('1');
    expect(refused!.headers.get('ratelimit')).toBe('"burst";r=0;t=1');
    expect(refused!.body.type).toBe('rate_limited');
  });

  it("shares the customer's budget between all its keys", async () => {
    const { customer, key: first } = await customerOnPlan(gw, { burst: 1000, perMinute: 6 });
    const second = (await issueKey(gw, customer.id)).key;
    expect(statuses(await sequentially(4, () => account(gw, first)))).toEqual([200, 200, 200, 200]);
    expect(statuses(await sequentially(3, () => account(gw, second)))).toEqual([200, 200, 429]);
    expect((await account(gw, first)).status).toBe(429);
  });

  it("limits each key on its own when the plan sets key limits, within the customer's budget", async () => {
    const { customer, key: first } = await customerOnPlan(gw, { burst: 1000, perMinute: 5, keyPerMinute: 3 });
    const second = (await issueKey(gw, customer.id)).key;
    const answers = await sequentially(4, () => account(gw, first));
    expect(statuses(answers)).toEqual([200, 200, 200, 429]);
    expect(answers[3].headers.get('ratelimit-policy')).toBe(
      '"burst";q=1000;w=1, "key-sustained";q=3;w=60, "sustained";q=5;w=60',
    );
    expect(answers[3].headers.get('ratelimit')).toMatch(/"key-sustained";r=0;t=\d+$/);
    // The refused request did not use the customer's budget: 2 are left of 5, for the other key.
    expect(statuses(await sequentially(3, () => account(gw, second)))).toEqual([200, 200, 429]);
  });

  it("applies an admin's change of a plan at once", async () => {
    const { plan, key } = await customerOnPlan(gw, { burst: 1000, perMinute: 3 });
    expect(statuses(await sequentially(4, () => account(gw, key)))).toEqual([200, 200, 200, 429]);

    const changed = await putPlan(gw, plan, { burst: 1000, perMinute: 10 });
    expect(changed).toEqual({
      name: plan,
      source: 'plan',
      burst: 1000,
      perMinute: 10,
      keyBurst: null,
      keyPerMinute: null,
      updatedAt: expect.any(String),
    });
    const res = await account(gw, key);
    expect(res.status).toBe(200);
    expect(res.body.rateLimit).toMatchObject({ plan, perMinute: 10 });
    expect(res.headers.get('ratelimit')).toMatch(/"sustained";r=6;/);
  });

  it('moves a customer to another plan within 5 s of changing its plan', async () => {
    await putPlan(gw, 'roomy', { burst: 1000, perMinute: 1000 });
    const { customer, key } = await customerOnPlan(gw, { burst: 1000, perMinute: 2 });
    // Read the plan into the instance's cache: only its expiry can show the change below.
    expect(statuses(await sequentially(3, () => account(gw, key)))).toEqual([200, 200, 429]);
    const patched = await gw.call('PATCH', `/v1/admin/customers/${customer.id}`, {
      key: gw.adminKey,
      body: { plan: 'roomy' },
    });
    expect(patched.status).toBe(200);
    await pollUntil(async () => (await account(gw, key)).status === 200, { attempts: 28, intervalMs: 250 });
  });

  it('lists plans, shows the defaults for a plan name without a row, and validates', async () => {
    const { plan } = await customerOnPlan(gw, { burst: 7, perMinute: 70, keyBurst: 2 });
    const listed = await gw.call('GET', '/v1/admin/rate-limit-plans', { key: gw.adminKey });
    expect(listed.status).toBe(200);
    expect(listed.body).toContainEqual(expect.objectContaining({ name: plan, burst: 7, keyBurst: 2 }));

    const defaults = await gw.call('GET', '/v1/admin/rate-limit-plans/no-such-plan', { key: gw.adminKey });
    expect(defaults.body).toEqual({
      name: 'no-such-plan',
      source: 'defaults',
      burst: 100000,
      perMinute: 1000000,
      keyBurst: null,
      keyPerMinute: null,
      updatedAt: null,
    });

    const bad = await gw.call('PUT', `/v1/admin/rate-limit-plans/${plan}`, {
      key: gw.adminKey,
      body: { burst: 0, perMinute: 'many', extra: 1 },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['burst', 'extra', 'perMinute']);
    const badName = await gw.call('PUT', '/v1/admin/rate-limit-plans/Not%20OK', {
      key: gw.adminKey,
      body: { burst: 1, perMinute: 1 },
    });
    expect(badName.status).toBe(422);
    expect(badName.body.errors).toHaveProperty('name');

    const { customer } = await customerOnPlan(gw, { burst: 1, perMinute: 1 });
    const customerKey = (await issueKey(gw, customer.id)).key;
    expect((await gw.call('GET', '/v1/admin/rate-limit-plans', { key: customerKey })).status).toBe(403);
  });

  it('leaves public routes alone', async () => {
    const res = await gw.call('GET', '/v1/health/live');
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-policy')).toBeNull();
  });
});

describe(`admin limits (counters in ${storage})`, () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await startGateway({
      env: rateLimitEnv({ REDIS_URL: process.env.REDIS_URL, RATE_LIMIT_ADMIN_PER_MINUTE: '4' }),
    });
  });
  afterAll(() => gw?.close());

  it('gives each admin key the admin budget, whatever the customer limits', async () => {
    const list = (key: string) => gw.call('GET', '/v1/admin/rate-limit-plans', { key });
    const answers = await sequentially(6, () => list(gw.adminKey));
    expect(statuses(answers)).toEqual([200, 200, 200, 200, 429, 429]);
    expect(answers[4].headers.get('ratelimit-policy')).toBe('"burst";q=100000;w=1, "sustained";q=4;w=60');

    const other = await gw.app.get(ApiKeysService).issueAdminKey('second admin');
    expect((await list(other.key)).status).toBe(200);
  });
});

describe(`failed authentications per IP (counters in ${storage})`, () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await startGateway({
      env: rateLimitEnv({ REDIS_URL: process.env.REDIS_URL, RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '5' }),
    });
  });
  afterAll(() => gw?.close());

  it('answers 429 after too many failures, before checking keys, except for keys that worked from this IP', async () => {
    const customer = await createCustomer(gw);
    const working = (await issueKey(gw, customer.id)).key;
    const neverUsed = (await issueKey(gw, customer.id)).key;
    expect((await account(gw, working)).status).toBe(200);

    const failures = await sequentially(5, (index) => account(gw, index % 2 ? guessedKey() : 'not-a-key'));
    expect(statuses(failures)).toEqual([401, 401, 401, 401, 401]);
    expect(failures[0].headers.get('ratelimit-policy')).toBe('"auth-failures";q=5;w=60');
    expect(failures.map((answer) => answer.headers.get('ratelimit')?.split(';')[1])).toEqual([
      'r=4',
      'r=3',
      'r=2',
      'r=1',
      'r=0',
    ]);

    const sixth = await account(gw, guessedKey());
    expect(sixth.status).toBe(429);
    expect(sixth.body.type).toBe('rate_limited');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(sixth.headers.get('ratelimit')).toMatch(/^"auth-failures";r=0;t=\d+$/);

    // Blocked: no key is checked any more, a valid one included, and nothing more is counted...
    expect((await account(gw, guessedKey())).status).toBe(429);
    expect((await gw.call('GET', '/v1/account')).status).toBe(429);
    expect((await account(gw, neverUsed)).status).toBe(429);
    // ...except a key that authenticated from this IP before: a neighbour's guesses do not lock it out.
    expect((await account(gw, working)).status).toBe(200);
  });
});
