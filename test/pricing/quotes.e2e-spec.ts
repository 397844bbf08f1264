import { Prisma, PrismaService } from '@app/database';
import { StreamSkillError, type CartObject, type StreamSkillClient } from '@app/streamskill';
import { PricingService } from '../../apps/gateway/src/pricing/pricing.service';
import { GatewayHarness, startGateway } from '../support/gateway-harness';
import { customerWithKey, resell, sandboxClient, upstreamRequests } from '../catalog/support';

type Tarif = CartObject['tarif'];
const cart = (tarif: Tarif, extra: Partial<CartObject> = {}): CartObject => ({
  tarif,
  channel: 'twitch',
  ...extra,
});

describe('POST /v1/quotes (e2e over HTTP)', () => {
  let gw: GatewayHarness;
  let upstream: StreamSkillClient;
  let customer: { id: string; key: string };
  let other: { id: string; key: string };
  let noMarkup: { id: string; key: string };

  const quote = (body: unknown, key = customer.key) => gw.call('POST', '/v1/quotes', { key, body });
  const price = async (tarif: Tarif, key = customer.key) => {
    const res = await quote(cart(tarif), key);
    expect(res.status).toBe(200);
    return res.body.price as string;
  };

  beforeAll(async () => {
    gw = await startGateway({ env: { GATEWAY_DEFAULT_MARKUP_PERCENT: '5' } });
    upstream = sandboxClient(gw);
    // Every term set explicitly: without DATABASE_URL, suites share one catalog.
    for (const id of [1, 2, 3, 4, 6]) {
      await resell(gw, id, { enabled: true, markupPercent: null, supportsDuration: true });
    }
    await resell(gw, 5, { enabled: true, markupPercent: '30', supportsDuration: false });
    customer = await customerWithKey(gw, { markupPercent: '12.5' });
    other = await customerWithKey(gw, { markupPercent: '0' });
    noMarkup = await customerWithKey(gw);
  });
  afterAll(async () => {
    upstream.close();
    await gw.close();
  });

  it('quotes a standard tariff (1): base / count x quantity x days x volume discount, plus markup', async () => {
    const res = await quote(cart({ id: 1, quantity: 1000, duration: 24 }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ price: '1080.00', currency: 'usd' }); // 960.00 upstream + 12.5%
    expect(await price({ id: 1 })).toBe('5.63'); // default quantity 100, 1 day: 5.00 + 12.5% = 5.625
  });

  it('quotes a graduated hourly tariff (2): tier price by quantity x hours', async () => {
    expect(await price({ id: 2, quantity: 50 }, other.key)).toBe('135.00');
    expect(await price({ id: 2, quantity: 150, duration: 3 }, other.key)).toBe('540.00');
    expect(await price({ id: 2, quantity: 250, duration: 2 }, other.key)).toBe('540.00');
    expect(await price({ id: 2, quantity: 150, duration: 3 })).toBe('607.50');
  });

  it('quotes a custom-count tariff (4): priced for its minimum, the default quantity', async () => {
    expect(await price({ id: 4 }, other.key)).toBe('1.00');
    expect(await price({ id: 4, quantity: 1000, duration: 3 }, other.key)).toBe('255.00');
    expect(await price({ id: 4, quantity: 5000, duration: 1 })).toBe('478.13'); // 425.00 + 12.5%
  });

  it("prices differently for customers with different markups, the tariff's markup or the default", async () => {
    const tarif = { id: 5, quantity: 1000 }; // 27.00 upstream, tariff markup 30%
    expect(await price(tarif)).toBe('30.38');
    expect(await price(tarif, other.key)).toBe('27.00');
    expect(await price(tarif, noMarkup.key)).toBe('35.10');
    expect(await price({ id: 1, quantity: 1000, duration: 24 }, noMarkup.key)).toBe('1008.00'); // default 5%
  });

  it('equals the customer price of what the sandbox actually charges for the same cart', async () => {
    const pricing = gw.app.get(PricingService);
    const carts: Tarif[] = [
      { id: 1, quantity: 1000, duration: 24 },
      { id: 1, quantity: 777, duration: 3 },
      { id: 1 },
      { id: 2, quantity: 150, duration: 3 },
      { id: 2, quantity: 350, duration: 24 },
      { id: 2 },
      { id: 3, quantity: 333, duration: 5 },
      { id: 4, quantity: 4999, duration: 24 },
      { id: 4, quantity: 10 },
      { id: 5, quantity: 1234 },
      { id: 6, quantity: 100 },
    ];
    for (const tarif of carts) {
      const quoted = await quote(cart(tarif));
      const bought = await upstream.createPurchase(cart(tarif));
      const charged = new Prisma.Decimal(String(bought.price));
      expect({ tarif, price: quoted.body.price }).toEqual({
        tarif,
        price: pricing.customerPrice(charged, '12.5').toFixed(2),
      });
      const theirs = await quote(cart(tarif), other.key);
      expect(theirs.body.price).toBe(charged.toFixed(2));
    }
  });

  it('creates nothing and calls no upstream', async () => {
    const prisma = gw.app.get(PrismaService);
    const calls = await upstreamRequests(gw);
    await quote(cart({ id: 1, quantity: 10 }));
    await quote(cart({ id: 4, quantity: 1 }));
    expect(await upstreamRequests(gw)).toBe(calls);
    expect(await prisma.purchase.count({ where: { customerId: customer.id } })).toBe(0);
    expect(await prisma.ledgerEntry.count({ where: { customerId: customer.id } })).toBe(0);
  });

  describe('rejects every bad cart with 422 and field errors, without side effects', () => {
    /** [what, body, the field in error, whether upstream (the sandbox) rejects the same body on that field] */
    const badCarts: [string, unknown, string, boolean][] = [
      ['an empty body', {}, 'tarif', true],
      ['no channel', { tarif: { id: 1 } }, 'channel', true],
      ['a blank channel', cart({ id: 1 }, { channel: '  ' }), 'channel', true],
      ['a channel that is not a string', { tarif: { id: 1 }, channel: 5 }, 'channel', true],
      ['tarif not an object', { tarif: 1, channel: 'x' }, 'tarif', true],
      ['tarif without id', cart({} as Tarif), 'tarif.id', true],
      ['tarif.id 0', cart({ id: 0 }), 'tarif.id', true],
      ['tarif.id not an integer', cart({ id: 1.5 }), 'tarif.id', true],
      ['tarif.id a string', cart({ id: '1' as unknown as number }), 'tarif.id', true],
      ['quantity 0', cart({ id: 1, quantity: 0 }), 'tarif.quantity', true],
      ['quantity 10001', cart({ id: 1, quantity: 10001 }), 'tarif.quantity', true],
      ['quantity 2.5', cart({ id: 1, quantity: 2.5 }), 'tarif.quantity', true],
      ['quantity "100"', cart({ id: 1, quantity: '100' as unknown as number }), 'tarif.quantity', true],
      ['duration 0', cart({ id: 1, duration: 0 }), 'tarif.duration', true],
      ['duration 25', cart({ id: 1, duration: 25 }), 'tarif.duration', true],
      ['duration 1.5', cart({ id: 1, duration: 1.5 }), 'tarif.duration', true],
      ['interval 0', cart({ id: 1 }, { interval: 0 }), 'interval', true],
      ['interval 86401', cart({ id: 1 }, { interval: 86401 }), 'interval', true],
      ['an unknown lang', cart({ id: 2 }, { lang: 'xx' as CartObject['lang'] }), 'lang', true],
      [
        'a comment that is not a string',
        cart({ id: 1 }, { comment: 5 as unknown as string }),
        'comment',
        true,
      ],
      ['start not a boolean', cart({ id: 1 }, { start: 'yes' as unknown as boolean }), 'start', true],
      ['an unknown field', { ...cart({ id: 1 }), coupon: 'FREE' }, 'coupon', false],
      ['an unknown tarif field', cart({ id: 1, price: 1 } as Tarif), 'tarif.price', false],
      ['a tariff StreamSkill does not have', cart({ id: 999 }), 'tarif.id', true],
      ['a tariff too large to exist', cart({ id: 2 ** 40 }), 'tarif.id', true],
      ['a quantity under the custom count', cart({ id: 4, quantity: 9 }), 'tarif.quantity', true],
      ['a quantity over the custom count', cart({ id: 4, quantity: 5001 }), 'tarif.quantity', true],
      ['a duration on a tariff without one', cart({ id: 5, duration: 2 }), 'tarif.duration', true],
    ];

    it.each(badCarts)('%s', async (_, body, field, upstreamRejectsToo) => {
      const calls = await upstreamRequests(gw);
      const res = await quote(body);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        name: 'Bad Request',
        code: 0,
        status: 422,
        type: 'validate_exception',
      });
      expect(Object.keys(res.body.errors)).toContain(field);
      expect(await upstreamRequests(gw)).toBe(calls);
      expect(await gw.app.get(PrismaService).purchase.count({ where: { customerId: customer.id } })).toBe(0);
      if (!upstreamRejectsToo) return;
      const refused = await upstream.createPurchase(body as CartObject).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(StreamSkillError);
      expect((refused as StreamSkillError).status).toBe(422);
      expect(Object.keys((refused as StreamSkillError).fieldErrors ?? {})).toContain(field);
    });

    it('a tariff disabled in the catalog, with StreamSkill\'s own "Tarif not found"', async () => {
      await resell(gw, 6, { enabled: false });
      try {
        const res = await quote(cart({ id: 6, quantity: 100 }));
        expect(res.status).toBe(422);
        expect(res.body.errors).toEqual({ 'tarif.id': ['Tarif not found'] });
      } finally {
        await resell(gw, 6, { enabled: true });
      }
    });

    it('bodies that are not a cart at all', async () => {
      for (const body of ['[]', '"cart"', 'null'])
        expect((await quote(body)).status).toBeGreaterThanOrEqual(400);
      expect((await quote('{"tarif":')).status).toBe(400);
    });
  });

  it('needs the purchases:read scope', async () => {
    const accountOnly = await customerWithKey(gw, { scopes: ['account:read'] });
    expect((await quote(cart({ id: 1 }), accountOnly.key)).status).toBe(403);
    expect((await quote(cart({ id: 1 }))).status).toBe(200);
  });
});
