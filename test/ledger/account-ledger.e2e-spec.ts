import { randomUUID } from 'node:crypto';
import type { GatewayHarness } from '../support/gateway-harness';
import { RequestContext } from '../../apps/gateway/src/tenancy/request-context';
import { TenantPrisma } from '../../apps/gateway/src/tenancy/tenant-prisma.service';
import { createCustomer, customerKey, ledgerOf, money, startLedgerGateway } from './support';

const KEY = { type: 'key' as const, id: 'test-key' };

describe('GET /v1/account/ledger and the balance in GET /v1/account (e2e over HTTP)', () => {
  let gw: GatewayHarness;
  let l: ReturnType<typeof ledgerOf>;
  let customerA: string;
  let customerB: string;
  let keyA: string;
  let keyB: string;

  const adminPost = (customerId: string, type: string, amount: string) =>
    gw.call('POST', `/v1/admin/customers/${customerId}/ledger`, {
      key: gw.adminKey,
      body: { type, amount, reason: `${type} ${amount}` },
    });
  const ledgerAs = (key: string, query = '') => gw.call('GET', `/v1/account/ledger${query}`, { key });
  const amounts = (items: { type: string; amount: string }[]) => items.map((e) => `${e.type} ${e.amount}`);

  beforeAll(async () => {
    gw = await startLedgerGateway();
    l = ledgerOf(gw);
    customerA = await createCustomer(gw, '15.00');
    customerB = await createCustomer(gw);
    keyA = await customerKey(gw, customerA);
    keyB = await customerKey(gw, customerB);
    await adminPost(customerA, 'credit', '10.00');
    await adminPost(customerA, 'credit', '20.00');
    await adminPost(customerA, 'debit', '5.00');
    await l.inTx((tx) =>
      l.ledger.placeHold(tx, { customerId: customerA, amount: money('7.25'), purpose: 'create', actor: KEY }),
    );
    await adminPost(customerB, 'credit', '99.00');
  });
  afterAll(async () => {
    await l.close();
    await gw.close();
  });

  it('shows the balance, what is held and the credit limit in GET /v1/account', async () => {
    const res = await gw.call('GET', '/v1/account', { key: keyA });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: customerA,
      creditLimit: '15.00',
      balance: { available: '17.75', held: '7.25', total: '25.00' },
    });
  });

  it('shows a zero balance to a customer without any movement', async () => {
    const customerId = await createCustomer(gw);
    const res = await gw.call('GET', '/v1/account', { key: await customerKey(gw, customerId) });
    expect(res.body.balance).toEqual({ available: '0.00', held: '0.00', total: '0.00' });
  });

  it("lists the customer's own entries, newest first, a page at a time", async () => {
    const first = await ledgerAs(keyA, '?limit=2');
    expect(first.status).toBe(200);
    expect(amounts(first.body.items)).toEqual(['hold 7.25', 'debit 5.00']);
    expect(first.body.items[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      type: 'hold',
      amount: '7.25',
      balanceAfter: '25.00',
      heldAfter: '7.25',
      available: '17.75',
      purchaseId: null,
      reason: 'hold for create',
      createdAt: expect.any(String),
    });
    const second = await ledgerAs(keyA, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(amounts(second.body.items)).toEqual(['credit 20.00', 'credit 10.00']);
    expect(second.body.nextCursor).toBeNull();
    expect(amounts((await ledgerAs(keyA, '?type=credit')).body.items)).toEqual([
      'credit 20.00',
      'credit 10.00',
    ]);
  });

  it("never shows another customer's entries, whatever the cursor", async () => {
    const ofB = await ledgerAs(keyB);
    expect(amounts(ofB.body.items)).toEqual(['credit 99.00']);
    const cursorOfA = (await ledgerAs(keyA, '?limit=1')).body.nextCursor;
    expect((await ledgerAs(keyB, `?cursor=${cursorOfA}`)).body.items).toEqual([]);
    expect(amounts((await ledgerAs(keyB, '?cursor=999999999999999')).body.items)).toEqual(['credit 99.00']);
    const customerC = await createCustomer(gw);
    expect((await ledgerAs(await customerKey(gw, customerC))).body).toEqual({ items: [], nextCursor: null });
  });

  it('lets an admin read it on behalf of a customer', async () => {
    const res = await gw.call('GET', '/v1/account/ledger', {
      key: gw.adminKey,
      headers: { 'On-Behalf-Of': customerB },
    });
    expect(amounts(res.body.items)).toEqual(['credit 99.00']);
  });

  it('needs the account:read scope', async () => {
    const res = await gw.call('POST', `/v1/admin/customers/${customerA}/keys`, {
      key: gw.adminKey,
      body: { name: 'no account scope', scopes: ['purchases:read'] },
    });
    expect((await ledgerAs(res.body.key)).status).toBe(403);
    expect((await gw.call('GET', '/v1/account/ledger')).status).toBe(401);
  });

  it('refuses bad parameters with 422', async () => {
    const res = await ledgerAs(keyA, '?limit=500&type=gift');
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['limit', 'type']);
  });

  it('scopes balances, entries, holds and idempotency records to the tenant in the repository layer', async () => {
    const tenant = gw.app.get(TenantPrisma).client;
    const entryOfB = await l.prisma.ledgerEntry.findFirstOrThrow({ where: { customerId: customerB } });
    const asA = <T>(fn: () => PromiseLike<T>) =>
      RequestContext.runAsTenant(customerA, async () => await fn());

    expect(await asA(() => tenant.ledgerEntry.count({ where: { id: entryOfB.id } }))).toBe(0);
    expect(await asA(() => tenant.balance.findMany())).toEqual([
      expect.objectContaining({ customerId: customerA }),
    ]);
    expect((await asA(() => tenant.hold.findMany())).map((h) => h.customerId)).toEqual([customerA]);
    expect(await asA(() => tenant.idempotencyRecord.count({ where: { customerId: customerB } }))).toBe(0);
  });

  it('moves money inside a tenant-scoped transaction as well', async () => {
    const tenant = gw.app.get(TenantPrisma).client;
    const { holdId } = await RequestContext.runAsTenant(customerB, () =>
      tenant.$transaction((tx) =>
        l.ledger.placeHold(tx, {
          customerId: customerB,
          amount: money('1.00'),
          purpose: 'create',
          actor: KEY,
        }),
      ),
    );
    await l.inTx((tx) => l.ledger.releaseHold(tx, { holdId, actor: KEY, reason: 'test' }));
    expect((await l.ledger.balanceOf(customerB)).held.toFixed(2)).toBe('0.00');
    expect((await l.invariants([customerA, customerB])).violations).toEqual([]);
  });

  it('answers 404 for On-Behalf-Of an unknown customer', async () => {
    const res = await gw.call('GET', '/v1/account/ledger', {
      key: gw.adminKey,
      headers: { 'On-Behalf-Of': randomUUID() },
    });
    expect(res.status).toBe(404);
  });
});
