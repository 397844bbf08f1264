import { SandboxApi, type Envelope, type Purchase } from './support/sandbox-api';

describe('sandbox: POST /purchases/create', () => {
  let api: SandboxApi;

  beforeAll(async () => {
    api = await SandboxApi.start();
  });
  afterAll(() => api.close());
  beforeEach(() => api.control.reset());

  const create = (body: unknown, request: 'valid' | 'invalid' = 'valid') =>
    api.post<Envelope>('/purchases/create', body, { request });

  it('creates the spec example cart, charges its price and shows the channel as a URL', async () => {
    const cart = {
      tarif: { id: 1, quantity: 1000, duration: 24 },
      channel: 'twitch',
      interval: 10,
      comment: 'Test comment',
      start: false,
    };
    const purchase = await api.createPurchase(cart);
    expect(purchase).toMatchObject({
      price: 960,
      currency: 'usd',
      order_type: 'twitch_viewers',
      channel: 'https://www.twitch.tv/twitch',
      status: 'created',
      service: 'twitch',
      parent: false,
      api: true,
      chatbot: false,
      tarif: 1,
    });
    expect(Math.abs(purchase.created_at - Date.now() / 1000)).toBeLessThan(60);
    const state = await api.control.state();
    expect(state.balance).toBe('99040.00');
    expect(state.purchases[0]).toMatchObject({
      id: purchase.id,
      price: '960.00',
      quantity: 1000,
      duration: 24,
    });
  });

  it.each([
    ['tariff 1 defaults (100 viewers, 1 day)', { tarif: { id: 1 } }, 5],
    ['tariff 1 volume discount 10% from 500', { tarif: { id: 1, quantity: 500 } }, 22.5],
    ['graduated AI chatbots, 50 for 1 h', { tarif: { id: 2, quantity: 50 } }, 135],
    ['graduated AI chatbots, 150 for 2 h', { tarif: { id: 2, quantity: 150, duration: 2 } }, 360],
    ['graduated AI chatbots, 250 for 3 h', { tarif: { id: 2, quantity: 250, duration: 3 } }, 810],
    ['standard hourly chatbots, 55 for 3 h, 5% off', { tarif: { id: 3, quantity: 55, duration: 3 } }, 15.68],
    [
      'custom count Kick viewers, 1000 for 2 days, 15% off',
      { tarif: { id: 4, quantity: 1000, duration: 2 } },
      170,
    ],
    ['followers with an interval', { tarif: { id: 5, quantity: 250 }, interval: 30 }, 7.5],
    ['YouTube views', { tarif: { id: 6, quantity: 2500 } }, 5],
  ])('prices %s', async (_label, cart, price) => {
    const purchase = await api.createPurchase({ channel: 'chan', ...cart });
    expect(purchase.price).toBe(price);
  });

  it('prices in RUB when the account is in RUB', async () => {
    await api.control.setBalance('1000000', 'rub');
    expect(await api.createPurchase({ tarif: { id: 1 }, channel: 'x' })).toMatchObject({
      price: 450,
      currency: 'rub',
    });
  });

  it('start: true creates the purchase already working', async () => {
    expect((await api.createPurchase({ tarif: { id: 1 }, channel: 'x', start: true })).status).toBe(
      'working',
    );
  });

  it.each([
    ['tarif missing', { channel: 'x' }, 'tarif'],
    ['tarif not an object', { tarif: 1, channel: 'x' }, 'tarif'],
    ['tarif.id missing', { tarif: {}, channel: 'x' }, 'tarif.id'],
    ['tarif.id 0', { tarif: { id: 0 }, channel: 'x' }, 'tarif.id'],
    ['tarif.id not an integer', { tarif: { id: 1.5 }, channel: 'x' }, 'tarif.id'],
    ['tarif.id a string', { tarif: { id: '1' }, channel: 'x' }, 'tarif.id'],
    ['quantity 0', { tarif: { id: 1, quantity: 0 }, channel: 'x' }, 'tarif.quantity'],
    ['quantity 10001', { tarif: { id: 1, quantity: 10001 }, channel: 'x' }, 'tarif.quantity'],
    ['duration 0', { tarif: { id: 1, duration: 0 }, channel: 'x' }, 'tarif.duration'],
    ['duration 25', { tarif: { id: 1, duration: 25 }, channel: 'x' }, 'tarif.duration'],
    ['channel missing', { tarif: { id: 1 } }, 'channel'],
    ['channel not a string', { tarif: { id: 1 }, channel: 5 }, 'channel'],
    ['interval 0', { tarif: { id: 5 }, channel: 'x', interval: 0 }, 'interval'],
    ['interval 86401', { tarif: { id: 5 }, channel: 'x', interval: 86401 }, 'interval'],
    ['lang outside the enum', { tarif: { id: 2 }, channel: 'x', lang: 'xx' }, 'lang'],
    ['comment not a string', { tarif: { id: 1 }, channel: 'x', comment: 1 }, 'comment'],
    ['start not a boolean', { tarif: { id: 1 }, channel: 'x', start: 'yes' }, 'start'],
  ])('422 when %s (the contract rejects it too)', async (_label, body, field) => {
    const response = await create(body, 'invalid');
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      name: 'Bad Request',
      code: 0,
      status: 422,
      type: 'validate_exception',
    });
    expect(Object.keys(response.body.errors ?? {})).toContain(field);
  });

  it('accepts the limits themselves', async () => {
    await api.createPurchase({ tarif: { id: 1, quantity: 10000, duration: 24 }, channel: 'x' });
    await api.createPurchase({ tarif: { id: 1, quantity: 1, duration: 1 }, channel: 'x' });
    await api.createPurchase({ tarif: { id: 5 }, channel: 'x', interval: 86400 });
    await api.createPurchase({ tarif: { id: 5 }, channel: 'x', interval: 1 });
    await api.createPurchase({ tarif: { id: 2 }, channel: 'x', lang: 'zh-hk' });
  });

  it('answers an unknown tariff exactly like the spec example', async () => {
    const response = await create({ tarif: { id: 999 }, channel: 'x' });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      name: 'Bad Request',
      message: expect.any(String),
      errors: { 'tarif.id': ['Tarif not found'] },
      code: 0,
      status: 422,
      type: 'validate_exception',
    });
  });

  it.each([
    ['a blank channel', { tarif: { id: 1 }, channel: '   ' }, 'channel'],
    [
      'a quantity over the tariff maximum',
      { tarif: { id: 2, quantity: 351 }, channel: 'x' },
      'tarif.quantity',
    ],
    [
      'a quantity under the custom-count minimum',
      { tarif: { id: 4, quantity: 9 }, channel: 'x' },
      'tarif.quantity',
    ],
    ['a duration on a tariff without one', { tarif: { id: 5, duration: 2 }, channel: 'x' }, 'tarif.duration'],
    ['start on a tariff without start', { tarif: { id: 6 }, channel: 'x', start: true }, 'start'],
  ])('422 for %s (a business rule the contract cannot express)', async (_label, body, field) => {
    const response = await create(body);
    expect(response.status).toBe(422);
    expect(Object.keys(response.body.errors ?? {})).toEqual([field]);
  });

  it('402 when the balance is short, without recording or charging anything', async () => {
    await api.control.setBalance('4.99');
    const response = await create({ tarif: { id: 1 }, channel: 'x' });
    expect(response.status).toBe(402);
    expect(response.body).toEqual({
      name: 'Insufficient Funds',
      message: "You don't have enough funds to do the request.",
      code: 0,
      status: 402,
      type: 'insufficient_funds',
    });
    const state = await api.control.state();
    expect(state).toMatchObject({ balance: '4.99', purchases: [] });
    await api.control.setBalance('5.00');
    await api.createPurchase({ tarif: { id: 1 }, channel: 'x' });
    expect((await api.control.state()).balance).toBe('0.00');
  });

  it('400 envelope for malformed JSON and for a body that is not an object', async () => {
    const broken = await api.request<Envelope>('POST', '/purchases/create', {
      rawBody: '{"tarif":',
      request: 'skip',
    });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({
      name: 'Bad Request',
      code: 0,
      status: 400,
      type: 'bad_request_http_exception',
    });
    const array = await create([1, 2], 'invalid');
    expect(array.status).toBe(400);
  });

  it('415 envelope for a body that is not JSON', async () => {
    const response = await api.request<Envelope>('POST', '/purchases/create', {
      rawBody: 'tarif=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      request: 'skip',
    });
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({
      code: 0,
      status: 415,
      type: 'unsupported_media_type_http_exception',
    });
  });

  it('401 exactly as the spec example without a token or with a wrong one', async () => {
    const expected = {
      name: 'Unauthorized',
      message: 'Your request was made with invalid credentials.',
      code: 0,
      status: 401,
      type: 'unauthorized_http_exception',
    };
    const cart = { tarif: { id: 1 }, channel: 'x' };
    for (const token of [null, 'wrong-token']) {
      const response = await api.post('/purchases/create', cart, { token, request: 'skip' });
      expect(response.status).toBe(401);
      expect(response.body).toEqual(expected);
    }
    expect((await api.control.state()).purchases).toEqual([]);
  });

  it('ignores unknown fields and an interval on a tariff without a custom interval', async () => {
    const purchase: Purchase = await api.createPurchase({
      tarif: { id: 1 },
      channel: 'x',
      interval: 10,
      extra: true,
    });
    const state = await api.control.state();
    expect(state.purchases.find((p) => p.id === purchase.id)?.interval).toBeNull();
  });
});
