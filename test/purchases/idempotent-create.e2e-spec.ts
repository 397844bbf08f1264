import { randomUUID } from 'node:crypto';
import {
  CART,
  balanceOf,
  expectLedgerConsistent,
  newCustomer,
  startPurchasesWorld,
  type PurchasesWorld,
  type TestCustomer,
  BOOT_TIMEOUT_MS,
} from './support';

const CREATE = { method: 'POST', path: '/v1/purchases/create', times: 1 } as const;

describe('POST /v1/purchases/create with Idempotency-Key', () => {
  let world: PurchasesWorld;
  let customer: TestCustomer;

  beforeAll(async () => {
    world = await startPurchasesWorld();
  }, BOOT_TIMEOUT_MS);
  afterAll(() => world?.gw.close());
  beforeEach(async () => {
    await world.sandbox.reset();
    customer = await newCustomer(world, { balance: '100.00', markupPercent: '10.00' });
  });

  const create = (key: string, body: unknown = CART) =>
    customer.call('POST', '/v1/purchases/create', { body, headers: { 'idempotency-key': key } });

  async function upstreamCreates(): Promise<number> {
    return (await world.sandbox.state()).counters.requests.byEndpoint['POST /v1/purchases/create'] ?? 0;
  }

  it('creates once for 30 concurrent requests: every answer is the same purchase or a 409', async () => {
    await world.sandbox.setFaults({ ...CREATE, latencyMs: 300 });
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 30 }, () => create(key)));

    expect(await upstreamCreates()).toBe(1);
    const created = answers.filter((answer) => answer.status === 200);
    const conflicts = answers.filter((answer) => answer.status === 409);
    expect(created.length + conflicts.length).toBe(30);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const answer of created) expect(answer.body).toEqual(created[0].body);
    for (const answer of conflicts) expect(answer.body.type).toBe('idempotency_conflict');

    const replay = await create(key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(created[0].body);
    expect(await world.prisma.purchase.count({ where: { customerId: customer.id } })).toBe(1);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '94.50', held: '0.00' });
    await expectLedgerConsistent(world, [customer.id]);
  });

  it('refuses the same key with another body', async () => {
    const key = randomUUID();
    expect((await create(key)).status).toBe(200);
    const other = await create(key, { ...CART, channel: 'other' });
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('idempotency_conflict');
    expect(await upstreamCreates()).toBe(1);
  });

  it('replays a 202 and an upstream refusal as they were first answered', async () => {
    await world.sandbox.setFaults({ ...CREATE, errorRate: { '500': 1 } });
    const pendingKey = randomUUID();
    const pending = await create(pendingKey);
    expect(pending.status).toBe(202);
    const pendingReplay = await create(pendingKey);
    expect(pendingReplay.status).toBe(202);
    expect(pendingReplay.body).toEqual(pending.body);

    await world.sandbox.setFaults({ ...CREATE, errorRate: { '422': 1 } });
    const refusedKey = randomUUID();
    const refused = await create(refusedKey);
    expect(refused.status).toBe(422);
    const refusedReplay = await create(refusedKey);
    expect(refusedReplay.status).toBe(422);
    expect(refusedReplay.headers.get('idempotent-replayed')).toBe('true');
    expect(refusedReplay.body).toEqual(refused.body);
    expect(await upstreamCreates()).toBe(2);
  });

  it('forgets a key whose request changed nothing, so a corrected retry runs', async () => {
    const poor = await newCustomer(world, { balance: '1.00' });
    const key = randomUUID();
    const call = () =>
      poor.call('POST', '/v1/purchases/create', { body: CART, headers: { 'idempotency-key': key } });
    expect((await call()).status).toBe(402);
    const topUp = await world.gw.call('POST', `/v1/admin/customers/${poor.id}/ledger`, {
      key: world.gw.adminKey,
      body: { type: 'credit', amount: '10.00', reason: 'top-up' },
    });
    expect(topUp.status).toBe(201);
    const retried = await call();
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });
});
