import { SandboxApi, type Envelope } from './support/sandbox-api';

const header = (headers: Headers, name: string) => Number(headers.get(name));

describe('sandbox: token bucket rate limit', () => {
  let api: SandboxApi;

  beforeAll(async () => {
    api = await SandboxApi.start({ rateLimit: { burst: 30, perSecond: 2 } });
  });
  afterAll(() => api.close());
  beforeEach(() => api.control.reset());

  it('sends X-Rate-Limit-* on every response, serves the burst, then 429', async () => {
    for (let i = 1; i <= 30; i++) {
      const response = await api.get('/tarifs/1');
      expect(response.status).toBe(200);
      expect(header(response.headers, 'x-rate-limit-limit')).toBe(30);
      // Refill during the loop may add a token back, never more than the burst.
      expect(header(response.headers, 'x-rate-limit-remaining')).toBeGreaterThanOrEqual(30 - i);
    }
    let limited = await api.get<Envelope>('/tarifs/1');
    while (limited.status === 200) limited = await api.get<Envelope>('/tarifs/1');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      name: 'Too Many Requests',
      code: 0,
      status: 429,
      type: 'too_many_requests_http_exception',
    });
    expect(header(limited.headers, 'x-rate-limit-limit')).toBe(30);
    expect(header(limited.headers, 'x-rate-limit-remaining')).toBe(0);
    expect(header(limited.headers, 'x-rate-limit-reset')).toBeGreaterThanOrEqual(1);
    const state = await api.control.state();
    expect(state.counters.rateLimited).toBeGreaterThanOrEqual(1);
  });

  it('limits per token, also on errors, and never the control API', async () => {
    await api.control.setRateLimit({ burst: 2, perSecond: 0.01 });
    const wrongToken = { token: 'someone-else', request: 'skip' as const };
    expect((await api.get('/purchases', wrongToken)).status).toBe(401);
    expect((await api.get('/purchases/999999')).status).toBe(404);
    const unauthorized = await api.get('/purchases', wrongToken);
    expect(unauthorized.headers.get('x-rate-limit-remaining')).toBe('0');
    expect((await api.get('/purchases', wrongToken)).status).toBe(429);
    expect((await api.get('/purchases')).status).toBe(200);
    expect((await api.get('/purchases')).status).toBe(429);
    for (let i = 0; i < 5; i++) await api.control.state();
  });

  it('refills at the configured rate', async () => {
    await api.control.setRateLimit({ burst: 1, perSecond: 20 });
    expect((await api.get('/tarifs/1')).status).toBe(200);
    const limited = await api.get('/tarifs/1');
    const retryAfterSeconds = header(limited.headers, 'x-rate-limit-reset');
    expect(retryAfterSeconds).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await api.get('/tarifs/1')).status).toBe(200);
  });

  it('can be switched off (no headers) and reset restores the startup limits', async () => {
    await api.control.setRateLimit(false);
    const response = await api.get('/tarifs/1');
    expect(response.headers.get('x-rate-limit-limit')).toBeNull();
    await api.control.reset();
    expect((await api.control.state()).rateLimit).toEqual({ burst: 30, perSecond: 2 });
  });
});
