import { SandboxApi, type Envelope, type Purchase } from './support/sandbox-api';

describe('sandbox: reading purchases and tariffs', () => {
  let api: SandboxApi;

  beforeAll(async () => {
    api = await SandboxApi.start({ statusStepMs: 60_000 });
  });
  afterAll(() => api.close());
  beforeEach(() => api.control.reset());

  it('lists own purchases newest first, never foreign ones', async () => {
    const first = await api.createPurchase({ tarif: { id: 1 }, channel: 'a' });
    const foreign = await api.control.seedPurchase({ tarif: 1, channel: 'other', foreign: true });
    const second = await api.createPurchase({ tarif: { id: 2 }, channel: 'b' });
    const list = await api.get<Purchase[]>('/purchases');
    expect(list.status).toBe(200);
    expect(list.body.map((p) => p.id)).toEqual([second.id, first.id]);
    expect(list.body.map((p) => p.id)).not.toContain(foreign.id);
  });

  it('uncomplete lists created, awaiting, working and stopped purchases only', async () => {
    const byStatus: Record<string, number> = {};
    for (const status of [
      'created',
      'awaiting',
      'working',
      'stopped',
      'completed',
      'failed',
      'deleted',
      'refunded',
    ] as const) {
      byStatus[status] = (await api.control.seedPurchase({ tarif: 1, channel: status, status })).id;
    }
    const list = await api.get<Purchase[]>('/purchases/uncomplete');
    expect(list.body.map((p) => p.status).sort()).toEqual(['awaiting', 'created', 'stopped', 'working']);
  });

  it('GET /purchases/{id}: 200, then 404 for unknown, foreign and non-numeric ids', async () => {
    const purchase = await api.createPurchase({ tarif: { id: 1 }, channel: 'a' });
    expect((await api.get<Purchase>(`/purchases/${purchase.id}`)).body).toEqual(purchase);
    const foreign = await api.control.seedPurchase({ tarif: 1, channel: 'x', foreign: true });
    for (const path of ['/purchases/999999', `/purchases/${foreign.id}`]) {
      const response = await api.get<Envelope>(path);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({
        name: 'Not Found',
        code: 0,
        status: 404,
        type: 'not_found_http_exception',
      });
    }
    expect((await api.get('/purchases/abc', { request: 'invalid' })).status).toBe(404);
  });

  it('bulk returns items in the requested order and missing_ids for unknown and foreign ids', async () => {
    const a = await api.createPurchase({ tarif: { id: 1 }, channel: 'a' });
    const b = await api.createPurchase({ tarif: { id: 1 }, channel: 'b' });
    const foreign = await api.control.seedPurchase({ tarif: 1, channel: 'x', foreign: true });
    const response = await api.get<{ items: Purchase[]; missing_ids: number[] }>(
      `/purchases/bulk?ids=${b.id},999,${a.id},${foreign.id},${b.id}`,
    );
    expect(response.status).toBe(200);
    expect(response.body.items.map((p) => p.id)).toEqual([b.id, a.id]);
    expect(response.body.missing_ids).toEqual([999, foreign.id]);
  });

  it('bulk accepts exactly 100 ids', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => i + 1).join(',');
    const response = await api.get<{ missing_ids: number[] }>(`/purchases/bulk?ids=${ids}`);
    expect(response.status).toBe(200);
    expect(response.body.missing_ids).toHaveLength(100);
  });

  it.each([
    ['missing', ''],
    ['empty', '?ids='],
    ['zero', '?ids=0'],
    ['negative', '?ids=1,-2'],
    ['not a number', '?ids=1,abc'],
    ['101 ids', `?ids=${Array.from({ length: 101 }, (_, i) => i + 1).join(',')}`],
  ])('bulk answers 422 on ids %s', async (_label, query) => {
    const response = await api.get<Envelope>(`/purchases/bulk${query}`, { request: 'invalid' });
    expect(response.status).toBe(422);
    expect(Object.keys(response.body.errors ?? {})).toEqual(['ids']);
  });

  it('expand adds one `expanded` object and keeps the documented fields unchanged', async () => {
    const created = await api.createPurchase({ tarif: { id: 2 }, channel: 'a' });
    const plain = await api.get<Purchase>(`/purchases/${created.id}`);
    expect(plain.body.expanded).toBeUndefined();
    const expanded = await api.get<Purchase>(`/purchases/${created.id}?expand=tarif,parent,api,chatbot`, {
      headers: { 'Accept-Language': 'ru' },
    });
    expect(expanded.body).toEqual({
      ...plain.body,
      expanded: {
        tarif: expect.objectContaining({ id: 2, title: 'ИИ-чатботы', pricing_type: 'graduated' }),
        parent: null,
        api: { created_via: 'api' },
        chatbot: { settings: {} },
      },
    });
    for (const path of [
      '/purchases?expand=api',
      '/purchases/uncomplete?expand=tarif',
      `/purchases/bulk?ids=${created.id}&expand=parent`,
    ]) {
      expect((await api.get(path)).status).toBe(200);
    }
    const createdExpanded = await api.post<Purchase>('/purchases/create?expand=tarif', {
      tarif: { id: 1 },
      channel: 'x',
    });
    expect(createdExpanded.body.expanded?.tarif).toMatchObject({ id: 1 });
  });

  it('422 for an expand value outside the enum', async () => {
    const response = await api.get<Envelope>('/purchases?expand=tarif,owner', { request: 'invalid' });
    expect(response.status).toBe(422);
    expect(Object.keys(response.body.errors ?? {})).toEqual(['expand']);
  });

  it('GET /tarifs/{id} localizes title and text by Accept-Language', async () => {
    const en = await api.get<{ title: string; text: string[] }>('/tarifs/1');
    const ru = await api.get<{ title: string; text: string[] }>('/tarifs/1', {
      headers: { 'Accept-Language': 'ru' },
    });
    expect(en.body.title).toBe('Twitch Viewers');
    expect(ru.body.title).toBe('Зрители Twitch');
    expect(ru.body.text[0]).toBe('Живые зрители на стриме');
    const browser = await api.get<{ title: string }>('/tarifs/1', {
      headers: { 'Accept-Language': 'ru-RU,ru;q=0.9' },
      request: 'invalid',
    });
    expect(browser.body.title).toBe('Зрители Twitch');
  });

  it('GET /tarifs/{id} shows the graduated example as documented', async () => {
    const response = await api.get('/tarifs/2?expand=panel');
    expect(response.body).toEqual({
      id: 2,
      title: 'AI Chatbot',
      text: ['Up to 350 chatbots', 'AI-powered chat'],
      count: 100,
      price: 135,
      type: 'ai_chatbots',
      hourly: true,
      pricing_type: 'graduated',
      graduated_prices: { '0': 135, '101': 180, '201': 270 },
      discounts: { '1': 0, '500': 10, '1000': 20 },
      link: { prefix: 'https://www.twitch.tv/', placeholder: 'twitch' },
      panel: true,
    });
  });

  it('GET /tarifs/{id}: tariff 1 is standard and not hourly; custom count shows {min,max}', async () => {
    expect((await api.get('/tarifs/1')).body).toMatchObject({
      pricing_type: 'standard',
      hourly: false,
      graduated_prices: null,
      count: 100,
      price: 5,
    });
    expect((await api.get('/tarifs/4')).body).toMatchObject({ count: { min: 10, max: 5000 }, price: 1 });
  });

  it('GET /tarifs/{id}: 404 for unknown tariffs, 422 for unknown expand, 401 without a token', async () => {
    expect((await api.get('/tarifs/999')).status).toBe(404);
    expect((await api.get('/tarifs/1?expand=tarif', { request: 'invalid' })).status).toBe(422);
    expect((await api.get('/tarifs/1', { token: null, request: 'skip' })).status).toBe(401);
  });

  it('every /v1 endpoint requires the token', async () => {
    for (const [method, path] of [
      ['GET', '/purchases'],
      ['GET', '/purchases/uncomplete'],
      ['GET', '/purchases/bulk?ids=1'],
      ['GET', '/purchases/1'],
      ['POST', '/purchases/1/start'],
      ['POST', '/purchases/bulk-stop'],
    ]) {
      const response = await api.request<Envelope>(method, path, { token: 'nope', request: 'skip' });
      expect(response.status).toBe(401);
    }
  });
});
