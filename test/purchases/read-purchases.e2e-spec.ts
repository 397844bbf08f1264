import {
  CART,
  expectCompatible,
  newCustomer,
  startPurchasesWorld,
  type PurchasesWorld,
  type TestCustomer,
  BOOT_TIMEOUT_MS,
} from './support';

describe('StreamSkill-compatible purchase reads', () => {
  let world: PurchasesWorld;
  let alice: TestCustomer;
  let bob: TestCustomer;
  let charged: number;
  let pending: number;
  let chatbots: number;
  let bobs: number;

  async function buy(customer: TestCustomer, body: unknown = CART): Promise<number> {
    const res = await customer.call('POST', '/v1/purchases/create', { body });
    expect([200, 202]).toContain(res.status);
    return res.body.id;
  }

  async function upstreamReads(): Promise<number> {
    const { byEndpoint } = (await world.sandbox.state()).counters.requests;
    return Object.entries(byEndpoint)
      .filter(([endpoint]) => endpoint.startsWith('GET /v1/purchases'))
      .reduce((sum, [, count]) => sum + count, 0);
  }

  beforeAll(async () => {
    world = await startPurchasesWorld();
    alice = await newCustomer(world, { markupPercent: '10.00' });
    bob = await newCustomer(world);
    charged = await buy(alice);
    chatbots = await buy(alice, { tarif: { id: 3, quantity: 10, duration: 2 }, channel: 'chan' });
    await world.sandbox.setFaults({
      method: 'POST',
      path: '/v1/purchases/create',
      times: 1,
      errorRate: { '500': 1 },
    });
    pending = await buy(alice);
    await world.sandbox.setFaults({
      method: 'POST',
      path: '/v1/purchases/create',
      times: 1,
      errorRate: { '422': 1 },
    });
    expect((await alice.call('POST', '/v1/purchases/create', { body: CART })).status).toBe(422);
    bobs = await buy(bob);
  }, BOOT_TIMEOUT_MS);
  afterAll(() => world?.gw.close());

  it('lists the customer purchases only, newest first, in the compatible shape, without asking upstream', async () => {
    const before = await upstreamReads();
    const res = await alice.call('GET', '/v1/purchases');
    expect(res.status).toBe(200);
    expectCompatible('GET', '/purchases', res);
    expect(res.body.map((p: { id: number }) => p.id)).toEqual([pending, chatbots, charged]);
    expect(res.body[2]).toEqual({
      id: charged,
      price: 5.5,
      currency: 'usd',
      created_at: expect.any(Number),
      order_type: 'twitch_viewers',
      channel: 'https://www.twitch.tv/twitch',
      status: 'created',
      service: 'twitch',
      parent: false,
      api: true,
      chatbot: false,
      tarif: 1,
    });
    expect(res.body[0]).toMatchObject({ id: pending, status: 'awaiting', price: 5.5 });
    expect(await upstreamReads()).toBe(before);
  });

  it('lists uncompleted purchases', async () => {
    await world.prisma.purchase.update({ where: { id: chatbots }, data: { status: 'completed' } });
    const res = await alice.call('GET', '/v1/purchases/uncomplete');
    expect(res.status).toBe(200);
    expectCompatible('GET', '/purchases/uncomplete', res);
    expect(res.body.map((p: { id: number }) => p.id)).toEqual([pending, charged]);
    await world.prisma.purchase.update({ where: { id: chatbots }, data: { status: 'created' } });
  });

  it('gets one purchase, and another customer purchase exactly like a missing one', async () => {
    const own = await alice.call('GET', `/v1/purchases/${charged}`);
    expect(own.status).toBe(200);
    expectCompatible('GET', `/purchases/${charged}`, own);
    expect(own.body.id).toBe(charged);

    const foreign = await alice.call('GET', `/v1/purchases/${bobs}`);
    const missing = await alice.call('GET', '/v1/purchases/2000000000');
    for (const res of [foreign, missing]) {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ type: 'not_found_http_exception', message: 'Purchase not found.' });
    }
    expect({ ...foreign.body, requestId: 0 }).toEqual({ ...missing.body, requestId: 0 });
    for (const id of ['abc', '0', '-1', '99999999999']) {
      expect((await alice.call('GET', `/v1/purchases/${id}`)).status).toBe(404);
    }
  });

  it('gets purchases in bulk: missing and foreign ids in missing_ids', async () => {
    const res = await alice.call(
      'GET',
      `/v1/purchases/bulk?ids=${chatbots},${bobs},${charged},999999,${charged}`,
    );
    expect(res.status).toBe(200);
    expectCompatible('GET', '/purchases/bulk', res);
    expect(res.body.items.map((p: { id: number }) => p.id)).toEqual([chatbots, charged]);
    expect(res.body.missing_ids).toEqual([bobs, 999999]);
  });

  it.each([
    ['no ids', ''],
    ['an empty list', '?ids='],
    ['a zero', '?ids=0'],
    ['a word', '?ids=1,a'],
    ['101 ids', `?ids=${Array.from({ length: 101 }, (_, i) => i + 1).join(',')}`],
  ])('refuses bulk reads with %s', async (_name, query) => {
    const res = await alice.call('GET', `/v1/purchases/bulk${query}`);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: 'validate_exception', errors: { ids: expect.any(Array) } });
  });

  it('expands tariff, parent, api and chatbot with customer prices, in the asked language', async () => {
    const res = await alice.call('GET', `/v1/purchases/${chatbots}?expand=tarif,parent,api,chatbot`, {
      headers: { 'accept-language': 'ru' },
    });
    expect(res.status).toBe(200);
    expectCompatible('GET', `/purchases/${chatbots}?expand=tarif,parent,api,chatbot`, res);
    const { expanded } = res.body;
    expect(expanded.parent).toBeNull();
    expect(expanded.api).toEqual({ created_via: 'api' });
    expect(expanded.chatbot).toEqual(expect.any(Object));
    expect(expanded.tarif).toMatchObject({ id: 3, price: 1.1 });
    expect(expanded.tarif.title).toMatch(/[а-яА-Я]/);
    expect(res.body.price).toBe(2.2);

    const list = await alice.call('GET', '/v1/purchases?expand=tarif');
    expectCompatible('GET', '/purchases?expand=tarif', list);
    expect(list.body.every((p: { expanded: { tarif: unknown } }) => p.expanded.tarif !== undefined)).toBe(
      true,
    );
  });

  it('refuses an unknown expand value', async () => {
    const res = await alice.call('GET', '/v1/purchases?expand=tarif,owner');
    expect(res.status).toBe(422);
    expect(res.body.errors.expand).toEqual(expect.any(Array));
  });

  it('needs the purchases:read scope', async () => {
    const issued = await world.gw.call('POST', `/v1/admin/customers/${alice.id}/keys`, {
      key: world.gw.adminKey,
      body: { name: 'account only', scopes: ['account:read'] },
    });
    const res = await world.gw.call('GET', '/v1/purchases', { key: issued.body.key });
    expect(res.status).toBe(403);
  });

  it('serves an admin acting on behalf of the customer', async () => {
    const res = await world.gw.call('GET', `/v1/purchases/${charged}`, {
      key: world.gw.adminKey,
      headers: { 'on-behalf-of': alice.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(charged);
  });
});
