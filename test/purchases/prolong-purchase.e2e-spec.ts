import { randomUUID } from 'node:crypto';
import {
  CART,
  balanceOf,
  expectCompatible,
  expectLedgerConsistent,
  holdsOf,
  newCustomer,
  purchaseRow,
  startPurchasesWorld,
  type PurchasesWorld,
  type TestCustomer,
  BOOT_TIMEOUT_MS,
} from './support';

const PROLONG = { method: 'POST', path: '/v1/purchases/*/prolong', times: 1 } as const;

describe('POST /v1/purchases/{id}/prolong: billed like a create', () => {
  let world: PurchasesWorld;
  let customer: TestCustomer;

  beforeAll(async () => {
    world = await startPurchasesWorld({ PURCHASE_SETTLE_DEADLINE_MS: '600000' });
  }, BOOT_TIMEOUT_MS);
  afterAll(() => world?.gw.close());
  beforeEach(async () => {
    await world.sandbox.clearFaults();
    customer = await newCustomer(world, { balance: '100.00', markupPercent: '10.00' });
  });

  async function buy(body: unknown = CART): Promise<number> {
    const res = await customer.call('POST', '/v1/purchases/create', { body });
    expect(res.status).toBe(200);
    return res.body.id;
  }

  async function upstreamProlongs(): Promise<number> {
    return (
      (await world.sandbox.state()).counters.requests.byEndpoint['POST /v1/purchases/:orderId/prolong'] ?? 0
    );
  }

  const prolong = (id: number, body: unknown = { count: 2 }, headers: Record<string, string> = {}) =>
    customer.call('POST', `/v1/purchases/${id}/prolong`, { body, headers });

  it('charges the customer price of what upstream added to the purchase', async () => {
    const id = await buy();
    const res = await prolong(id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expectCompatible('POST', `/purchases/${id}/prolong`, res);

    // 2 more days of 100 viewers: 10.00 upstream, 11.00 with the markup.
    const row = await purchaseRow(world, id);
    expect(row.price?.toFixed(2)).toBe('16.50');
    expect(row.upstreamPrice?.toFixed(2)).toBe('15.00');
    expect(row.prolongDeadline).toBeNull();
    expect((await holdsOf(world, id)).map((h) => [h.purpose, h.state, h.capturedAmount?.toFixed(2)])).toEqual(
      [
        ['create', 'captured', '5.50'],
        ['prolong', 'captured', '11.00'],
      ],
    );
    expect(await balanceOf(world, customer.id)).toEqual({ total: '83.50', held: '0.00' });
    expect((await customer.call('GET', `/v1/purchases/${id}`)).body.price).toBe(16.5);
    await expectLedgerConsistent(world, [customer.id]);
  });

  it('prolongs by one when no count is sent, and validates count', async () => {
    const id = await buy();
    expect((await prolong(id, {})).status).toBe(200);
    expect((await purchaseRow(world, id)).price?.toFixed(2)).toBe('11.00');
    for (const body of [{ count: 0 }, { count: 'x' }, { count: 1.5 }, { count: 1, extra: true }]) {
      expect((await prolong(id, body)).status).toBe(422);
    }
  });

  it('refuses with 402 before asking upstream when the balance does not cover it', async () => {
    const id = await buy();
    const before = await upstreamProlongs();
    const res = await prolong(id, { count: 24 });
    expect(res.status).toBe(402);
    expect(res.body.type).toBe('insufficient_funds');
    expect(await upstreamProlongs()).toBe(before);
    expect(await holdsOf(world, id)).toHaveLength(1);
  });

  it('releases the hold when upstream refuses the prolong', async () => {
    const followers = await buy({ tarif: { id: 5, quantity: 100 }, channel: 'f' });
    const res = await prolong(followers);
    expect(res.status).toBe(405);
    expect((await holdsOf(world, followers)).map((h) => h.state)).toEqual(['captured', 'released']);
    expect((await purchaseRow(world, followers)).prolongDeadline).toBeNull();
    await expectLedgerConsistent(world, [customer.id]);

    await world.sandbox.setFaults({ ...PROLONG, errorRate: { '402': 1 } });
    const id = await buy();
    const unpaid = await prolong(id);
    expect(unpaid.status).toBe(503);
    expect(unpaid.body.type).toBe('upstream_unavailable');
  });

  it('keeps the hold and marks the purchase for the reconciler when the outcome is unknown', async () => {
    const id = await buy();
    await world.sandbox.setFaults({ ...PROLONG, resetAfterRecord: true });
    const before = Date.now();
    const res = await prolong(id, { count: 3 });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'pending' });
    expectCompatible('POST', `/purchases/${id}/prolong`, res);

    const row = await purchaseRow(world, id);
    expect(row.prolongCount).toBe(3);
    expect(row.prolongDeadline!.getTime()).toBeGreaterThanOrEqual(before + 600_000);
    expect(row.price?.toFixed(2)).toBe('5.50');
    expect(row.upstreamPrice?.toFixed(2)).toBe('5.00');
    const holds = await holdsOf(world, id);
    expect(holds.map((h) => [h.purpose, h.state])).toEqual([
      ['create', 'captured'],
      ['prolong', 'open'],
    ]);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '94.50', held: holds[1].amount.toFixed(2) });

    const second = await prolong(id, { count: 1 });
    expect(second.status).toBe(409);
    expect(second.body.type).toBe('prolong_in_progress');
    expect(await holdsOf(world, id)).toHaveLength(2);
    await expectLedgerConsistent(world, [customer.id]);
  });

  it('answers 409 for a purchase still awaiting confirmation', async () => {
    await world.sandbox.setFaults({
      method: 'POST',
      path: '/v1/purchases/create',
      times: 1,
      errorRate: { '500': 1 },
    });
    const pending = (await customer.call('POST', '/v1/purchases/create', { body: CART })).body.id;
    const res = await prolong(pending);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('purchase_pending');
  });

  it('replays a prolong sent again with the same Idempotency-Key', async () => {
    const id = await buy();
    const key = randomUUID();
    const first = await prolong(id, { count: 1 }, { 'idempotency-key': key });
    const again = await prolong(id, { count: 1 }, { 'idempotency-key': key });
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await holdsOf(world, id)).toHaveLength(2);
    expect((await purchaseRow(world, id)).price?.toFixed(2)).toBe('11.00');
  });
});
