import { randomUUID } from 'node:crypto';
import type { GatewayHarness } from '../support/gateway-harness';
import { createCustomer, startLedgerGateway } from './support';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('admin: customer ledger (e2e over HTTP)', () => {
  let gw: GatewayHarness;
  const post = (customerId: string, body: unknown, headers: Record<string, string> = {}) =>
    gw.call('POST', `/v1/admin/customers/${customerId}/ledger`, { key: gw.adminKey, body, headers });
  const list = (customerId: string, query = '') =>
    gw.call('GET', `/v1/admin/customers/${customerId}/ledger${query}`, { key: gw.adminKey });

  beforeAll(async () => {
    gw = await startLedgerGateway();
  });
  afterAll(() => gw.close());

  it('credits and debits, answering with the entry and the balance after it', async () => {
    const customerId = await createCustomer(gw);
    const credit = await post(customerId, { type: 'credit', amount: '12.50', reason: 'bank transfer' });
    expect(credit.status).toBe(201);
    expect(credit.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      customerId,
      type: 'credit',
      amount: '12.50',
      balanceAfter: '12.50',
      heldAfter: '0.00',
      available: '12.50',
      purchaseId: null,
      holdId: null,
      reason: 'bank transfer',
      reference: null,
      actor: { type: 'admin', id: expect.stringMatching(UUID) },
      createdAt: expect.stringMatching(ISO),
    });

    const debit = await post(customerId, { type: 'debit', amount: '2.5', reason: 'fee' });
    expect(debit.status).toBe(201);
    expect(debit.body).toMatchObject({
      type: 'debit',
      amount: '2.50',
      balanceAfter: '10.00',
      available: '10.00',
    });
  });

  it('refuses a debit beyond the credit limit with 402 and moves nothing', async () => {
    const customerId = await createCustomer(gw, '5.00');
    await post(customerId, { type: 'credit', amount: '10.00', reason: 'top-up' });
    const res = await post(customerId, { type: 'debit', amount: '15.01', reason: 'too much' });
    expect(res.status).toBe(402);
    expect(res.body).toMatchObject({
      status: 402,
      type: 'insufficient_funds',
      message: 'Insufficient funds: available 10.00 (credit limit 5.00), needed 15.01.',
    });
    const ok = await post(customerId, { type: 'debit', amount: '15.00', reason: 'to the limit' });
    expect(ok.body).toMatchObject({ balanceAfter: '-5.00', available: '-5.00' });
  });

  it.each([
    ['a negative amount', { type: 'credit', amount: '-1.00', reason: 'x' }, ['amount']],
    ['a zero amount', { type: 'credit', amount: '0.00', reason: 'x' }, ['amount']],
    ['too many decimals', { type: 'credit', amount: '1.005', reason: 'x' }, ['amount']],
    ['a float given as a number', { type: 'credit', amount: 12.5, reason: 'x' }, ['amount']],
    ['an amount too large', { type: 'credit', amount: '1000000000000.01', reason: 'x' }, ['amount']],
    ['a missing reason', { type: 'credit', amount: '1.00' }, ['reason']],
    ['a blank reason', { type: 'credit', amount: '1.00', reason: '   ' }, ['reason']],
    ['an unknown type', { type: 'refund', amount: '1.00', reason: 'x' }, ['type']],
    ['an unknown field', { type: 'credit', amount: '1.00', reason: 'x', held: '1' }, ['held']],
    ['an empty body', {}, ['amount', 'reason', 'type']],
  ])('answers %s with 422 and field errors', async (_label, body, fields) => {
    const customerId = await createCustomer(gw);
    const res = await post(customerId, body);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ status: 422, type: 'validate_exception' });
    expect(Object.keys(res.body.errors).sort()).toEqual(fields);
    expect((await list(customerId)).body.items).toEqual([]);
  });

  it('names the problem with an amount', async () => {
    const customerId = await createCustomer(gw);
    const res = await post(customerId, { type: 'credit', amount: 12.5, reason: 'x' });
    expect(res.body.errors.amount).toEqual(['amount must be a decimal string such as "12.50", not a number']);
  });

  it('answers 404 for an unknown customer', async () => {
    for (const id of [randomUUID(), 'not-a-customer']) {
      expect((await post(id, { type: 'credit', amount: '1.00', reason: 'x' })).status).toBe(404);
      expect((await list(id)).status).toBe(404);
    }
  });

  it('needs an admin key', async () => {
    const customerId = await createCustomer(gw);
    const res = await gw.call('POST', `/v1/admin/customers/${customerId}/ledger`, {
      body: { type: 'credit', amount: '1.00', reason: 'x' },
    });
    expect(res.status).toBe(401);
  });

  it('lists entries newest first, a page at a time, filtered by type', async () => {
    const customerId = await createCustomer(gw);
    for (const amount of ['1.00', '2.00', '3.00']) {
      await post(customerId, { type: 'credit', amount, reason: `credit ${amount}` });
    }
    await post(customerId, { type: 'debit', amount: '0.50', reason: 'fee' });

    const first = await list(customerId, '?limit=3');
    expect(first.status).toBe(200);
    expect(first.body.items.map((e: { amount: string }) => e.amount)).toEqual(['0.50', '3.00', '2.00']);
    const second = await list(customerId, `?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({
      items: [{ amount: '1.00', balanceAfter: '1.00' }],
      nextCursor: null,
    });
    const debits = await list(customerId, '?type=debit');
    expect(debits.body.items.map((e: { type: string }) => e.type)).toEqual(['debit']);
  });

  it('refuses bad list parameters with 422', async () => {
    const customerId = await createCustomer(gw);
    const res = await list(customerId, '?limit=0&cursor=-1&type=gift');
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['cursor', 'limit', 'type']);
  });

  it('records the adjustment in the audit log', async () => {
    const customerId = await createCustomer(gw);
    const entry = await post(customerId, { type: 'debit', amount: '0.01', reason: 'audit me' });
    expect(entry.status).toBe(402);
    await post(customerId, { type: 'credit', amount: '7.00', reason: 'audit me' });
    const audit = await gw.call('GET', `/v1/admin/audit?customerId=${customerId}&action=ledger.adjust`, {
      key: gw.adminKey,
    });
    expect(audit.body.items.map((row: { outcome: string }) => row.outcome)).toEqual(['success', 'failure']);
    expect(audit.body.items[0].details).toMatchObject({ type: 'credit', amount: '7.00' });
  });
});
