import { randomUUID } from 'node:crypto';
import {
  newCustomer,
  sleep,
  startPurchasesWorld,
  type PurchasesWorld,
  type TestCustomer,
} from '../purchases/support';
import { until } from './support-faults/crash-world';
import { requestFingerprint } from '../../apps/gateway/src/idempotency/request-fingerprint';

jest.setTimeout(120_000);

/** The gateway's lease on a key in progress with the settings below: write timeout + budget wait + 5 s. */
const RESUME_AFTER_S = 3 + 2 + 5;

const cart = () => ({
  tarif: { id: 1, quantity: 100, duration: 1 },
  channel: `resume${randomUUID().slice(0, 8)}`,
});

/**
 * The record a create leaves behind when its process dies after reserving the purchase: still
 * `in_progress`, with what it committed. Written over a finished one, as the crash would have left it.
 */
async function asIfCrashed(
  world: PurchasesWorld,
  key: string,
  committedRef: string | null,
  ageSeconds: number,
) {
  await world.prisma.$executeRaw`
    UPDATE idempotency_records SET state = 'in_progress', response_status = NULL, response_headers = NULL,
      response_body = CASE WHEN ${committedRef}::text IS NULL THEN NULL
                           ELSE jsonb_build_object('committedRef', ${committedRef}::text) END,
      created_at = now() - make_interval(secs => ${ageSeconds}::float8)
    WHERE key = ${key}`;
}

describe('Idempotency-Key of a create whose process died', () => {
  let world: PurchasesWorld;
  let customer: TestCustomer;

  beforeAll(async () => {
    world = await startPurchasesWorld({ STREAMSKILL_WRITE_TIMEOUT_MS: '3000' });
    customer = await newCustomer(world, { balance: '100.00' });
  });
  afterAll(() => world.gw.close());

  const create = (key: string, body: object) =>
    customer.call('POST', '/v1/purchases/create', { body, headers: { 'idempotency-key': key } });
  const purchaseCount = () => world.prisma.purchase.count({ where: { customerId: customer.id } });

  it('records the reserved purchase with the key while the create runs, and replaces it with the answer', async () => {
    const key = randomUUID();
    await world.sandbox.setFaults({
      method: 'POST',
      path: '/v1/purchases/create',
      times: 1,
      latencyMs: 1500,
    });
    const answer = create(key, cart());
    let inFlight: { state: string; response_body: unknown }[] = [];
    while (inFlight.length === 0 || inFlight[0].response_body === null) {
      await sleep(20);
      inFlight = await world.prisma
        .$queryRaw`SELECT state, response_body FROM idempotency_records WHERE key = ${key}`;
    }
    const { body } = await answer;
    expect(inFlight[0]).toEqual({
      state: 'in_progress',
      response_body: { committedRef: `purchase:${body.id}` },
    });
    const [done] = await world.prisma.$queryRaw<{ state: string; response_status: number }[]>`
      SELECT state, response_status FROM idempotency_records WHERE key = ${key}`;
    expect(done).toEqual({ state: 'completed', response_status: 200 });
  });

  it('answers the reserved purchase as it stands once the first request cannot be running any more, never buying again', async () => {
    const key = randomUUID();
    const body = cart();
    const first = await create(key, body);
    expect(first.status).toBe(200);
    const purchases = await purchaseCount();

    await asIfCrashed(world, key, `purchase:${first.body.id}`, 1);
    const tooEarly = await create(key, body);
    expect(tooEarly).toMatchObject({ status: 409, body: { type: 'idempotency_conflict' } });

    await asIfCrashed(world, key, `purchase:${first.body.id}`, 3600);
    const resumed = await create(key, body);
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get('idempotent-replayed')).toBe('true');
    expect(resumed.body).toEqual({ ...first.body, status: resumed.body.status });
    expect((await create(key, { ...body, channel: 'another' })).status).toBe(422);
    expect(await purchaseCount()).toBe(purchases);
  });

  it('runs anew a key whose first request died before reserving anything: nothing was committed', async () => {
    const key = randomUUID();
    const body = cart();
    const purchases = await purchaseCount();
    await claimAsIfDied(key, body, 1);
    expect((await create(key, body)).status).toBe(409);
    await claimAsIfDied(key, body, 3600);
    const rerun = await create(key, body);
    expect(rerun.status).toBe(200);
    expect(rerun.headers.get('idempotent-replayed')).toBeNull();
    expect(await purchaseCount()).toBe(purchases + 1);
    expect((await create(key, body)).headers.get('idempotent-replayed')).toBe('true');
  });

  it('commits nothing for a first request that outlived its claim once a retry took the key over: one purchase', async () => {
    const key = randomUUID();
    const body = cart();
    const purchases = await purchaseCount();
    // Holds the customer's balance row: the first request blocks in its reserve, alive but too slow.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const lock = world.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM balances WHERE customer_id = ${customer.id}::uuid FOR UPDATE`;
        await released;
      },
      { timeout: 120_000 },
    );
    const first = create(key, body);
    await until(() => recordIs(key, `created_at < now() - make_interval(secs => ${RESUME_AFTER_S})`));
    const retry = create(key, body);
    await until(() => recordIs(key, "created_at > now() - interval '5 seconds'"));
    release();
    await lock;
    const [firstAnswer, retryAnswer] = await Promise.all([first, retry]);
    expect(firstAnswer).toMatchObject({ status: 409, body: { type: 'idempotency_conflict' } });
    expect(retryAnswer.status).toBe(200);
    expect(await purchaseCount()).toBe(purchases + 1);
  });

  const recordIs = async (key: string, condition: string) =>
    (
      await world.prisma.$queryRawUnsafe<unknown[]>(
        `SELECT 1 FROM idempotency_records WHERE key = $1 AND ${condition}`,
        key,
      )
    ).length === 1;

  /** The record of a create that claimed the key and died before its reserve committed. */
  async function claimAsIfDied(key: string, body: object, ageSeconds: number) {
    const hash = requestFingerprint({ method: 'POST', url: '/v1/purchases/create', body });
    await world.prisma.$executeRaw`
      INSERT INTO idempotency_records (customer_id, scope, key, request_hash, state, created_at, expires_at)
      VALUES (${customer.id}::uuid, 'POST /v1/purchases/create', ${key}, ${hash}, 'in_progress',
        now() - make_interval(secs => ${ageSeconds}::float8), now() + interval '1 day')
      ON CONFLICT (customer_id, scope, key) DO UPDATE SET created_at = EXCLUDED.created_at`;
  }
});
