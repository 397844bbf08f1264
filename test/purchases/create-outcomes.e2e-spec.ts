import type { FaultRule } from '@app/sandbox/faults/fault.types';
import { LedgerService } from '../../apps/gateway/src/ledger/ledger.service';
import {
  CART,
  balanceOf,
  expectCompatible,
  expectLedgerConsistent,
  holdsOf,
  newCustomer,
  sleep,
  startPurchasesWorld,
  type PurchasesWorld,
  type TestCustomer,
  BOOT_TIMEOUT_MS,
} from './support';

const SETTLE_DEADLINE_MS = 600_000;
const CREATE = { method: 'POST', path: '/v1/purchases/create', times: 1 } as const;

describe('POST /v1/purchases/create: what StreamSkill answers decides the money', () => {
  let world: PurchasesWorld;
  let customer: TestCustomer;

  beforeAll(async () => {
    world = await startPurchasesWorld({
      STREAMSKILL_WRITE_TIMEOUT_MS: '1000',
      PURCHASE_SETTLE_DEADLINE_MS: String(SETTLE_DEADLINE_MS),
    });
  }, BOOT_TIMEOUT_MS);
  afterAll(() => world?.gw.close());
  beforeEach(async () => {
    await world.sandbox.reset();
    customer = await newCustomer(world, { balance: '100.00', markupPercent: '10.00' });
  });

  /** The only purchase row of the customer, whatever the answer said. */
  async function onlyPurchase() {
    const rows = await world.prisma.purchase.findMany({ where: { customerId: customer.id } });
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  async function expectReleased() {
    const purchase = await onlyPurchase();
    expect(purchase.billingState).toBe('rejected');
    expect(purchase.settleDeadline).toBeNull();
    const [hold] = await holdsOf(world, purchase.id);
    expect(hold.state).toBe('released');
    expect(await balanceOf(world, customer.id)).toEqual({ total: '100.00', held: '0.00' });
    const read = await customer.call('GET', `/v1/purchases/${purchase.id}`);
    expect(read.status).toBe(404);
    await expectLedgerConsistent(world, [customer.id]);
    return purchase;
  }

  it('passes upstream 422 field errors on and releases the hold', async () => {
    // Tariff 5 has no duration upstream; the catalog entry does not say so, so only upstream refuses it.
    const res = await customer.call('POST', '/v1/purchases/create', {
      body: { tarif: { id: 5, quantity: 100, duration: 2 }, channel: 'twitch' },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: 'validate_exception', status: 422, name: 'Bad Request' });
    expect(res.body.errors['tarif.duration']).toEqual(expect.any(Array));
    expectCompatible('POST', '/purchases/create', res);
    const purchase = await expectReleased();
    expect(purchase.lastError).toMatchObject({ status: 422 });
    expect((await world.sandbox.state()).purchases).toHaveLength(0);
  });

  it('answers an injected upstream 422 as a 422', async () => {
    await world.sandbox.setFaults({ ...CREATE, errorRate: { '422': 1 } });
    const res = await customer.call('POST', '/v1/purchases/create', { body: CART });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('validate_exception');
    await expectReleased();
  });

  it('answers 503 upstream_unavailable when the gateway account cannot pay upstream, never 402', async () => {
    await world.sandbox.setBalance('1.00');
    const res = await customer.call('POST', '/v1/purchases/create', { body: CART });
    expect(res.status).toBe(503);
    expect(res.body.type).toBe('upstream_unavailable');
    await expectReleased();
  });

  it('answers 502 when upstream refuses the gateway token', async () => {
    await world.sandbox.setFaults({ ...CREATE, errorRate: { '401': 1 } });
    const res = await customer.call('POST', '/v1/purchases/create', { body: CART });
    expect(res.status).toBe(502);
    expect(res.body.type).toBe('upstream_unavailable');
    expect(JSON.stringify(res.body)).not.toContain(world.gw.sandbox.token);
    await expectReleased();
  });

  it('answers 503 upstream_busy with Retry-After when upstream rate limits the gateway', async () => {
    await world.sandbox.setFaults({ ...CREATE, errorRate: { '429': 1 } });
    const res = await customer.call('POST', '/v1/purchases/create', { body: CART });
    expect(res.status).toBe(503);
    expect(res.body.type).toBe('upstream_busy');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await expectReleased();
  });

  it.each<[string, Partial<FaultRule>, number]>([
    ['a timeout', { timeout: true }, 0],
    ['a reset after upstream recorded the purchase', { resetAfterRecord: true }, 1],
    ['a 500', { errorRate: { '500': 1 } }, 0],
    ['a 503', { errorRate: { '503': 1 } }, 0],
    ['a malformed JSON answer', { malformedJson: true }, 1],
  ])('answers 202 and keeps the hold on %s', async (_name, fault, upstreamPurchases) => {
    await world.sandbox.setFaults({ ...CREATE, ...fault });
    const before = Date.now();
    const res = await customer.call('POST', '/v1/purchases/create', { body: CART });
    expect(res.status).toBe(202);
    expectCompatible('POST', '/purchases/create', res);
    const purchase = await onlyPurchase();
    expect(res.body).toMatchObject({ id: purchase.id, status: 'awaiting', price: 5.5, tarif: 1 });
    expect(purchase.billingState).toBe('pending');
    expect(purchase.upstreamId).toBeNull();
    expect(purchase.lastError).toBeTruthy();
    const deadline = purchase.settleDeadline!.getTime();
    expect(deadline).toBeGreaterThanOrEqual(before + SETTLE_DEADLINE_MS);
    expect(deadline).toBeLessThanOrEqual(Date.now() + SETTLE_DEADLINE_MS);
    const [hold] = await holdsOf(world, purchase.id);
    expect(hold).toMatchObject({ state: 'open', purpose: 'create' });
    expect(await balanceOf(world, customer.id)).toEqual({ total: '100.00', held: hold.amount.toFixed(2) });
    expect((await world.sandbox.state()).purchases).toHaveLength(upstreamPurchases);
    await expectLedgerConsistent(world, [customer.id]);

    const read = await customer.call('GET', `/v1/purchases/${purchase.id}`);
    expect(read.body).toMatchObject({ id: purchase.id, status: 'awaiting' });
    const start = await customer.call('POST', `/v1/purchases/${purchase.id}/start`);
    expect(start.status).toBe(409);
    expect(start.body.type).toBe('purchase_pending');
  });

  it('counts a create as sent once: an ambiguous one is never retried upstream', async () => {
    await world.sandbox.setFaults({ ...CREATE, errorRate: { '500': 1 } });
    await customer.call('POST', '/v1/purchases/create', { body: CART });
    const { counters } = await world.sandbox.state();
    expect(counters.requests.byEndpoint['POST /v1/purchases/create']).toBe(1);
  });

  it('charges nothing twice when someone else settled the hold while upstream was answering', async () => {
    await world.sandbox.setFaults({ ...CREATE, latencyMs: 500 });
    const answer = customer.call('POST', '/v1/purchases/create', { body: CART });
    const hold = await pollForOpenHold();
    const ledger = world.gw.app.get(LedgerService);
    await world.prisma.$transaction((tx) =>
      ledger.releaseHold(tx, { holdId: hold.id, actor: { type: 'job', id: 'test' }, reason: 'test' }),
    );
    const res = await answer;
    expect(res.status).toBe(202);
    expect((await holdsOf(world, res.body.id)).map((h) => h.state)).toEqual(['released']);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '100.00', held: '0.00' });
    await expectLedgerConsistent(world, [customer.id]);
  });

  async function pollForOpenHold() {
    for (let attempt = 0; attempt < 100; attempt++) {
      const hold = await world.prisma.hold.findFirst({ where: { customerId: customer.id, state: 'open' } });
      if (hold) return hold;
      await sleep(10);
    }
    throw new Error('no hold was placed');
  }
});

describe('POST /v1/purchases/create beyond the outbound budget', () => {
  let world: PurchasesWorld;

  beforeAll(async () => {
    world = await startPurchasesWorld({
      UPSTREAM_BUDGET_PER_CUSTOMER_BURST: '1',
      UPSTREAM_BUDGET_PER_CUSTOMER_PER_SECOND: '0.01',
      UPSTREAM_BUDGET_WAIT_MS: '0',
    });
  }, BOOT_TIMEOUT_MS);
  afterAll(() => world?.gw.close());

  it('sends nothing, releases the hold and answers 503 upstream_busy', async () => {
    const customer = await newCustomer(world, { balance: '100.00', markupPercent: '10.00' });
    expect((await customer.call('POST', '/v1/purchases/create', { body: CART })).status).toBe(200);
    const res = await customer.call('POST', '/v1/purchases/create', { body: CART });
    expect(res.status).toBe(503);
    expect(res.body.type).toBe('upstream_busy');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await world.sandbox.state()).purchases).toHaveLength(1);
    const rows = await world.prisma.purchase.findMany({
      where: { customerId: customer.id },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((row) => row.billingState)).toEqual(['charged', 'rejected']);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '94.50', held: '0.00' });
    await expectLedgerConsistent(world, [customer.id]);
  });
});
