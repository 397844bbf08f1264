import { SandboxApi, type Envelope, type Purchase } from './support/sandbox-api';

describe('sandbox: start, prolong and bulk-stop', () => {
  let api: SandboxApi;

  beforeAll(async () => {
    // Statuses never advance on their own here: every change in these tests is explicit.
    api = await SandboxApi.start({ statusStepMs: 600_000 });
  });
  afterAll(() => api.close());
  beforeEach(() => api.control.reset());

  const statusOf = async (id: number) => (await api.get<Purchase>(`/purchases/${id}`)).body.status;

  it('start moves created -> working at once; a completed order answers 409', async () => {
    const { id } = await api.createPurchase({ tarif: { id: 1 }, channel: 'x' });
    expect((await api.post(`/purchases/${id}/start`)).body).toEqual({ status: 'ok' });
    expect(await statusOf(id)).toBe('working');
    expect((await api.post(`/purchases/${id}/start`)).status).toBe(200);
    await api.control.forceStatus(id, 'completed');
    const done = await api.post<Envelope>(`/purchases/${id}/start`);
    expect(done.status).toBe(409);
    expect(done.body).toMatchObject({ name: 'Purchase Done', code: 0, status: 409 });
  });

  it('start: 404 for unknown or foreign orders, 405 on a tariff without start', async () => {
    const foreign = await api.control.seedPurchase({ tarif: 1, channel: 'x', foreign: true });
    expect((await api.post(`/purchases/${foreign.id}/start`)).status).toBe(404);
    expect((await api.post('/purchases/999999/start')).status).toBe(404);
    const views = await api.createPurchase({ tarif: { id: 6 }, channel: 'video' });
    const response = await api.post<Envelope>(`/purchases/${views.id}/start`);
    expect(response.status).toBe(405);
    expect(response.body).toMatchObject({ name: 'Method Not Allowed', code: 0, status: 405 });
  });

  it('bulk-stop stops running orders and reports the others', async () => {
    const running = await api.createPurchase({ tarif: { id: 1 }, channel: 'a', start: true });
    const fresh = await api.createPurchase({ tarif: { id: 1 }, channel: 'b' });
    const done = await api.control.seedPurchase({ tarif: 1, channel: 'c', status: 'completed' });
    const refunded = await api.control.seedPurchase({ tarif: 1, channel: 'd', status: 'refunded' });
    const foreign = await api.control.seedPurchase({ tarif: 1, channel: 'e', foreign: true });
    const response = await api.post('/purchases/bulk-stop', {
      ids: [running.id, fresh.id, done.id, refunded.id, foreign.id, 999],
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      stopped_ids: [running.id, fresh.id],
      failed: [
        { id: done.id, status: 409, message: 'Order already completed.' },
        { id: refunded.id, status: 405, message: 'Order is refunded.' },
      ],
      missing_ids: [foreign.id, 999],
    });
    expect(await statusOf(running.id)).toBe('stopped');
    expect(await statusOf(fresh.id)).toBe('stopped');
  });

  it.each([
    ['no ids', {}],
    ['an empty list', { ids: [] }],
    ['101 ids', { ids: Array.from({ length: 101 }, (_, i) => i + 1) }],
    ['non-integer ids', { ids: [1, 'a'] }],
    ['ids not a list', { ids: '1,2' }],
  ])('bulk-stop answers 422 for %s', async (_label, body) => {
    const response = await api.post<Envelope>('/purchases/bulk-stop', body, { request: 'invalid' });
    expect(response.status).toBe(422);
    expect(Object.keys(response.body.errors ?? {})).toEqual(['ids']);
  });

  it('bulk-stop accepts 100 ids', async () => {
    const response = await api.post<{ missing_ids: number[] }>('/purchases/bulk-stop', {
      ids: Array.from({ length: 100 }, (_, i) => i + 1000),
    });
    expect(response.body.missing_ids).toHaveLength(100);
  });

  it('forced statuses (failed, refunded) show up in the API and end the order', async () => {
    const { id } = await api.createPurchase({ tarif: { id: 1 }, channel: 'x' });
    await api.control.forceStatus(id, 'failed');
    expect(await statusOf(id)).toBe('failed');
    expect((await api.post(`/purchases/${id}/start`)).status).toBe(405);
    await api.control.forceStatus(id, 'refunded');
    expect(await statusOf(id)).toBe('refunded');
  });

  it('prolong charges hours for hourly tariffs (days otherwise) and extends the order', async () => {
    const purchase = await api.createPurchase({ tarif: { id: 2, quantity: 150 }, channel: 'x' });
    expect((await api.post(`/purchases/${purchase.id}/prolong`, { count: 2 })).body).toEqual({
      status: 'ok',
    });
    const state = await api.control.state();
    expect(state.balance).toBe('99460.00');
    expect(state.purchases[0]).toMatchObject({ price: '540.00', duration: 3 });
    expect(state.purchases[0].charges.map((c) => [c.reason, c.amount])).toEqual([
      ['create', '180.00'],
      ['prolong', '360.00'],
    ]);
    expect((await api.post(`/purchases/${purchase.id}/prolong`, {})).status).toBe(200);
    expect((await api.control.state()).balance).toBe('99280.00');
  });

  it('prolong: 402 when short, 422 for a bad count, 405 without prolong support, 409 when completed', async () => {
    const viewers = await api.createPurchase({ tarif: { id: 1 }, channel: 'x' });
    await api.control.setBalance('4.99');
    const short = await api.post<Envelope>(`/purchases/${viewers.id}/prolong`, { count: 1 });
    expect(short.status).toBe(402);
    expect(short.body.type).toBe('insufficient_funds');
    expect((await api.control.state()).purchases[0].charges).toHaveLength(1);
    for (const count of [0, -1, 1.5, '2']) {
      const bad = await api.post<Envelope>(
        `/purchases/${viewers.id}/prolong`,
        { count },
        { request: 'invalid' },
      );
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.errors ?? {})).toEqual(['count']);
    }
    await api.control.setBalance('1000');
    const followers = await api.createPurchase({ tarif: { id: 5 }, channel: 'x' });
    expect((await api.post(`/purchases/${followers.id}/prolong`, { count: 1 })).status).toBe(405);
    await api.control.forceStatus(viewers.id, 'completed');
    expect((await api.post(`/purchases/${viewers.id}/prolong`, { count: 1 })).status).toBe(409);
    expect((await api.post(`/purchases/999999/prolong`, { count: 1 })).status).toBe(404);
  });
});
