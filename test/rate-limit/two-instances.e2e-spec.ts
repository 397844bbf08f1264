import { GatewayHarness, startGateway } from '../support/gateway-harness';
import { count, customerOnPlan, rateLimitEnv, statuses, suiteRedis, uniquePrefix } from './support';

const account = (gw: GatewayHarness, key: string) => gw.call('GET', '/v1/account', { key });

describe('two gateway instances on one database and one Redis', () => {
  let redis: Awaited<ReturnType<typeof suiteRedis>>;
  let one: GatewayHarness;
  let two: GatewayHarness;

  beforeAll(async () => {
    redis = await suiteRedis();
    const env = rateLimitEnv({ REDIS_URL: redis.url, RATE_LIMIT_REDIS_PREFIX: uniquePrefix() });
    one = await startGateway({ env });
    two = await startGateway({ env, databaseUrl: one.databaseUrl, sandbox: one.sandbox });
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    await redis?.stop();
  });

  it("hold one customer's limit together: requests split between them get the same total before 429", async () => {
    const { key } = await customerOnPlan(one, { burst: 1000, perMinute: 20 });
    const answers = [];
    for (let index = 0; index < 40; index++) answers.push(await account(index % 2 ? two : one, key));
    const all = statuses(answers);
    expect(count(all, 200)).toBe(20);
    expect(count(all, 429)).toBe(20);
    expect(all.slice(0, 20).every((status) => status === 200)).toBe(true);
    // Each instance served half of the allowed requests and refused half of the rest.
    expect(
      count(
        all.filter((_, index) => index % 2 === 0),
        200,
      ),
    ).toBe(10);
    expect(
      count(
        all.filter((_, index) => index % 2 === 1),
        200,
      ),
    ).toBe(10);
  });

  it('refuse concurrent requests beyond the limit exactly, whichever instance takes them', async () => {
    const { key } = await customerOnPlan(two, { burst: 1000, perMinute: 25 });
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, index) => account(index % 2 ? two : one, key)),
    );
    expect(count(statuses(answers), 200)).toBe(25);
    expect(count(statuses(answers), 429)).toBe(35);
  });

  it('share the per-IP count of failed authentications', async () => {
    const failures = [];
    for (let index = 0; index < 4; index++) {
      failures.push(await (index % 2 ? two : one).call('GET', '/v1/account', { key: 'not-a-key' }));
    }
    // rateLimitEnv allows 100000 failures per minute: the count goes down by one per failure, on either instance.
    expect(failures.map((answer) => answer.headers.get('ratelimit')?.split(';')[1])).toEqual([
      'r=99999',
      'r=99998',
      'r=99997',
      'r=99996',
    ]);
  });
});
