import type { Prisma } from '@app/database';
import {
  BOOT_TIMEOUT_MS,
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
} from './support';

describe('POST /v1/purchases/create', () => {
  let world: PurchasesWorld;

  beforeAll(async () => {
    world = await startPurchasesWorld();
  }, BOOT_TIMEOUT_MS);
  afterAll(() => world?.gw.close());

  async function upstreamCreates(): Promise<number> {
    return (await world.sandbox.state()).counters.requests.byEndpoint['POST /v1/purchases/create'] ?? 0;
  }

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
    expect(row).toMatchObject({ billingState: 'charged', customerId: customer.id, settleDeadline: null });
    expect(row.upstreamPrice?.toFixed(2)).toBe('5.00');
    expect(row.cart).toEqual(CART);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '94.50', held: '0.00' });
    const [hold] = await holdsOf(world, res.body.id);
    expect(hold).toMatchObject({ purpose: 'create', state: 'captured' });
    expect(hold.amount.toFixed(2)).toBe('6.05');
    expect(hold.capturedAmount?.toFixed(2)).toBe('5.50');
    await expectLedgerConsistent(world, [customer.id]);
  });

  it('charges from what upstream charged, not from the quote, within the margin and beyond it', async () => {
    const customer = await newCustomer(world, { balance: '100.00', markupPercent: '10.00' });
    const tarif = await world.prisma.catalogTarif.findUniqueOrThrow({ where: { id: 1 } });
    const withPrice = (price: number) =>
      world.prisma.catalogTarif.update({
        where: { id: 1 },
        data: { details: { ...(tarif.details as Prisma.JsonObject), price } },
      });
    try {
      // Quote 4.80 -> 5.28, hold 5.81; upstream charges 5.00 -> 5.50.
      await withPrice(4.8);
      const within = await customer.call('POST', '/v1/purchases/create', { body: CART });
      expect(within.body.price).toBe(5.5);
      const [hold] = await holdsOf(world, within.body.id);
      expect([hold.amount.toFixed(2), hold.capturedAmount?.toFixed(2)]).toEqual(['5.81', '5.50']);

      // Quote 4.00 -> 4.40, hold 4.84: upstream's 5.00 -> 5.50 is still charged in full.
      await withPrice(4);
      const beyond = await customer.call('POST', '/v1/purchases/create', { body: CART });
      expect(beyond.body.price).toBe(5.5);
      const [bigger] = await holdsOf(world, beyond.body.id);
      expect([bigger.amount.toFixed(2), bigger.capturedAmount?.toFixed(2)]).toEqual(['4.84', '5.50']);
    } finally {
      await world.prisma.catalogTarif.update({
        where: { id: 1 },
        data: { details: tarif.details as Prisma.JsonObject },
      });
    }
    expect(await balanceOf(world, customer.id)).toEqual({ total: '89.00', held: '0.00' });
    await expectLedgerConsistent(world, [customer.id]);
  });

  it('passes expand and Accept-Language through, rewriting the expanded tariff to customer prices', async () => {
    const customer = await newCustomer(world, { markupPercent: '20.00' });
    const res = await customer.call('POST', '/v1/purchases/create?expand=tarif,api', {
      body: { tarif: { id: 2, quantity: 150, duration: 2 }, channel: 'ai', lang: 'en' },
      headers: { 'accept-language': 'ru' },
    });
    expect(res.status).toBe(200);
    expectCompatible('POST', '/purchases/create?expand=tarif,api', res);
    // 180/h x 2 h upstream, +20%.
    expect(res.body.price).toBe(432);
    expect(res.body.expanded.api).toEqual({ created_via: 'api' });
    expect(res.body.expanded.tarif.graduated_prices).toEqual({ '0': 162, '101': 216, '201': 324 });
    expect(res.body.expanded.tarif.title).toMatch(/[а-яА-Я]/);
  });

  it('refuses with 402 when the balance does not cover the hold, leaving nothing behind', async () => {
    const customer = await newCustomer(world, { balance: '6.00', markupPercent: '10.00' });
    const before = await upstreamCreates();
    const res = await customer.call('POST', '/v1/purchases/create', { body: CART });
    expect(res.status).toBe(402);
    expect(res.body).toMatchObject({ type: 'insufficient_funds', status: 402 });
    expect(await upstreamCreates()).toBe(before);
    expect(await world.prisma.purchase.count({ where: { customerId: customer.id } })).toBe(0);
    expect(await world.prisma.hold.count({ where: { customerId: customer.id } })).toBe(0);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '6.00', held: '0.00' });
  });

  let customer: TestCustomer | undefined;
  it.each<[string, unknown, string]>([
    ['no tarif', { channel: 'x' }, 'tarif'],
    ['no channel', { tarif: { id: 1 } }, 'channel'],
    ['a blank channel', { tarif: { id: 1 }, channel: '  ' }, 'channel'],
    ['tarif.id 0', { tarif: { id: 0 }, channel: 'x' }, 'tarif.id'],
    ['a string tarif.id', { tarif: { id: '1' }, channel: 'x' }, 'tarif.id'],
    ['quantity 10001', { tarif: { id: 1, quantity: 10001 }, channel: 'x' }, 'tarif.quantity'],
    ['duration 25', { tarif: { id: 1, duration: 25 }, channel: 'x' }, 'tarif.duration'],
    ['interval 0', { ...CART, interval: 0 }, 'interval'],
    ['an unknown lang', { ...CART, lang: 'xx' }, 'lang'],
    ['a string start', { ...CART, start: 'yes' }, 'start'],
    ['an unknown field', { ...CART, coupon: 'FREE' }, 'coupon'],
    ['a tariff that is not resold', { tarif: { id: 99 }, channel: 'x' }, 'tarif.id'],
  ])('refuses a cart with %s before holding anything', async (_name, body, field) => {
    customer ??= await newCustomer(world);
    const before = await upstreamCreates();
    const res = await customer.call('POST', '/v1/purchases/create', { body });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: 'validate_exception', name: 'Bad Request' });
    expect(Object.keys(res.body.errors)).toContain(field);
    expectCompatible('POST', '/purchases/create', res);
    expect(await upstreamCreates()).toBe(before);
    expect(await world.prisma.purchase.count({ where: { customerId: customer.id } })).toBe(0);
  });

  it('refuses a body that is not JSON with a 4xx envelope', async () => {
    const customer = await newCustomer(world);
    const res = await customer.call('POST', '/v1/purchases/create', {
      body: '{"tarif":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.status).toBe(res.status);
  });

  it('buys for a customer when an admin sends On-Behalf-Of', async () => {
    const customer = await newCustomer(world, { balance: '50.00', markupPercent: '0.00' });
    const res = await world.gw.call('POST', '/v1/purchases/create', {
      key: world.gw.adminKey,
      body: CART,
      headers: { 'on-behalf-of': customer.id },
    });
    expect(res.status).toBe(200);
    expect((await purchaseRow(world, res.body.id)).customerId).toBe(customer.id);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '45.00', held: '0.00' });
    const entry = await world.prisma.ledgerEntry.findFirst({
      where: { customerId: customer.id, type: 'capture' },
    });
    expect(entry?.actorType).toBe('admin');
  });
});
