import { SandboxApi, type Envelope, type Purchase } from './support/sandbox-api';

const CART = { tarif: { id: 1 }, channel: 'faulty' };

describe('sandbox: fault injection', () => {
  let api: SandboxApi;

  beforeAll(async () => {
    api = await SandboxApi.start({ statusStepMs: 600_000 });
  });
  afterAll(() => api.close());
  beforeEach(() => api.control.reset());

  /** A raw create that may fail at the socket level; returns the error instead of throwing. */
  const rawCreate = async (signal?: AbortSignal) => {
    try {
      const response = await fetch(`${api.sandbox.url}/purchases/create`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.sandbox.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(CART),
        signal,
      });
      return { response, text: await response.text() };
    } catch (error) {
      return { error: error as Error & { cause?: { code?: string } } };
    }
  };

  it('forces an error status by rate, limited to matching requests and to the next N', async () => {
    await api.control.setFaults({
      method: 'POST',
      path: '/v1/purchases/create',
      errorRate: { '500': 1 },
      times: 2,
    });
    expect((await api.get('/purchases')).status).toBe(200);
    const failed = await api.post<Envelope>('/purchases/create', CART);
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ code: 0, status: 500, type: 'api_exception' });
    expect(await api.control.faults()).toEqual([expect.objectContaining({ times: 1 })]);
    expect((await api.post('/purchases/create', CART)).status).toBe(500);
    expect((await api.post('/purchases/create', CART)).status).toBe(200);
    const state = await api.control.state();
    expect(state.faults).toEqual([]);
    expect(state.counters.faults.errors).toEqual({ '500': 2 });
    expect(state.purchases).toHaveLength(1);
  });

  it('forces the canonical 401 and 402 bodies and any other status', async () => {
    await api.control.setFaults([
      { path: '/v1/purchases', errorRate: { '401': 1 }, times: 1 },
      { path: '/v1/purchases/create', errorRate: { '402': 1 }, times: 1 },
      { path: '/v1/tarifs/*', errorRate: { '503': 1 }, times: 1 },
    ]);
    expect((await api.get<Envelope>('/purchases')).body.message).toBe(
      'Your request was made with invalid credentials.',
    );
    expect((await api.post<Envelope>('/purchases/create', CART)).body.type).toBe('insufficient_funds');
    const unavailable = await api.get<Envelope>('/tarifs/1');
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.type).toBe('service_unavailable_http_exception');
  });

  it('error rates below 1 let some requests through', async () => {
    await api.control.setFaults({ path: '/v1/tarifs/:id', errorRate: { '503': 0.5 } });
    const statuses = new Set<number>();
    for (let i = 0; i < 60 && statuses.size < 2; i++) statuses.add((await api.get('/tarifs/1')).status);
    expect([...statuses].sort()).toEqual([200, 503]);
  });

  it('adds latency (checked through the counters, not the clock)', async () => {
    await api.control.setFaults({ latencyMs: 30, times: 1 });
    expect((await api.get('/purchases')).status).toBe(200);
    expect((await api.control.state()).counters.faults.latency).toBe(1);
  });

  it('timeout: accepts the request and never answers', async () => {
    await api.control.setFaults({ path: '/v1/purchases/create', timeout: true, times: 1 });
    const result = await rawCreate(AbortSignal.timeout(300));
    expect(result.error?.name).toBe('TimeoutError');
    const state = await api.control.state();
    expect(state.counters.faults.timeout).toBe(1);
    expect(state.purchases).toEqual([]);
  });

  it('resetBeforeRecord: the socket dies and nothing is recorded or charged', async () => {
    await api.control.setFaults({ path: '/v1/purchases/create', resetBeforeRecord: true, times: 1 });
    const result = await rawCreate();
    expect(result.error?.message).toBe('fetch failed');
    const state = await api.control.state();
    expect(state).toMatchObject({ purchases: [], balance: '100000.00' });
    expect(state.counters.faults.resetBeforeRecord).toBe(1);
  });

  it('resetAfterRecord: the client sees a socket error, yet the purchase exists and was charged', async () => {
    await api.control.setFaults({
      method: 'POST',
      path: '/v1/purchases/create',
      resetAfterRecord: true,
      times: 1,
    });
    const result = await rawCreate();
    expect(result.error?.message).toBe('fetch failed');
    expect(result.error?.cause?.code).toMatch(/^(UND_ERR_SOCKET|ECONNRESET|UND_ERR_CLOSED)$/);
    const state = await api.control.state();
    expect(state.purchases).toHaveLength(1);
    expect(state.purchases[0]).toMatchObject({ channel: 'https://www.twitch.tv/faulty', price: '5.00' });
    expect(state.balance).toBe('99995.00');
    const listed = await api.get<Purchase[]>('/purchases/uncomplete');
    expect(listed.body.map((p) => p.id)).toEqual([state.purchases[0].id]);
  });

  it('malformedJson: 200 with a body no JSON parser accepts (the handler still ran)', async () => {
    await api.control.setFaults({ path: '/v1/purchases/create', malformedJson: true, times: 1 });
    const result = await rawCreate();
    expect(result.response?.status).toBe(200);
    expect(result.response?.headers.get('content-type')).toContain('application/json');
    expect(() => JSON.parse(result.text ?? '')).toThrow(SyntaxError);
    expect((await api.control.state()).purchases).toHaveLength(1);
  });

  it('faults from the startup options apply until cleared', async () => {
    const faulty = await SandboxApi.start({ faults: [{ path: '/v1/tarifs/**', errorRate: { '502': 1 } }] });
    try {
      expect((await faulty.get('/tarifs/1')).status).toBe(502);
      await faulty.control.clearFaults();
      expect((await faulty.get('/tarifs/1')).status).toBe(200);
    } finally {
      await faulty.close();
    }
  });

  it('rejects an invalid fault configuration with the problems listed', async () => {
    await expect(api.control.setFaults({ errorRate: { '503': 1.5 } } as never)).rejects.toThrow(
      /422.*probability/,
    );
    await expect(api.control.setFaults({ slow: true } as never)).rejects.toThrow(/not a known fault setting/);
  });

  it('adds rules next to the active ones; the control API itself is never faulted', async () => {
    await api.control.setFaults({ errorRate: { '500': 1 } });
    await api.control.addFaults({ latencyMs: 1 });
    expect(await api.control.faults()).toHaveLength(2);
    expect((await api.control.state()).faults).toHaveLength(2);
    await api.control.clearFaults();
    expect(await api.control.faults()).toEqual([]);
  });
});
