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
  BOOT_TIMEOUT_MS,
} from './support';

describe('POST /v1/purchases/create', () => {
  let world: PurchasesWorld;

  beforeAll(async () => {
    world = await startPurchasesWorld();
  }, BOOT_TIMEOUT_MS);
  afterAll(() => world?.gw.close());

  it('buys upstream, charges the customer price of what upstream charged and answers the compatible purchase', async () => {
    const customer = await newCustomer(world, { balance: '100.00', markupPercent: '10.00' });
    const res = await customer.call('POST', '/v1/purchases/create', { body: CART });
    expect(res.status).toBe(200);
    expectCompatible('POST', '/purchases/create', res);
    expect(res.body).toMatchObject({
      price: 5.5,
      currency: 'usd',
      tarif: 1,
      status: 'created',
      service: 'twitch',
    });
    const row = await purchaseRow(world, res.body.id);
    expect(row).toMatchObject({ billingState: 'charged', customerId: customer.id });
    expect(row.upstreamPrice?.toFixed(2)).toBe('5.00');
    expect(await balanceOf(world, customer.id)).toEqual({ total: '94.50', held: '0.00' });
    const [hold] = await holdsOf(world, res.body.id);
    expect(hold).toMatchObject({ purpose: 'create', state: 'captured' });
    expect(hold.amount.toFixed(2)).toBe('6.05');
    await expectLedgerConsistent(world, [customer.id]);
  });
});
