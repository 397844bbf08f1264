import http from 'node:http';
import { BootedGateway, bootGateway } from './support/boot-gateway';
import { TEST_KEY_PEPPER, TEST_MASTER_TOKEN } from './support/gateway-test-env';
import { heldRequests, LOGGED_SECRET, ProbeModule } from './support/probe.module';
import { waitFor } from '../support/polling';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CUSTOMER_KEY = 'ssg_pub123_verysecretcustomerkeyvalue';
const KEY_IN_QUERY = `ssg_abcdefghij12_${'S'.repeat(43)}`;
const cart = { tarif: { id: 1, quantity: 1000 }, channel: 'twitch' };

describe('request ids and logs (e2e)', () => {
  let gateway: BootedGateway;

  beforeAll(async () => {
    gateway = await bootGateway({ imports: [ProbeModule] });
  });
  afterAll(() => gateway.app.close());

  it('honours a sane incoming X-Request-Id and echoes it', async () => {
    const response = await gateway.inject({
      method: 'GET',
      url: '/v1/missing',
      headers: { 'x-request-id': 'storefront-42:a.b_c' },
    });
    expect(response.headers['x-request-id']).toBe('storefront-42:a.b_c');
    expect(response.json().requestId).toBe('storefront-42:a.b_c');
  });

  it.each([
    ['absent', {}],
    ['too long', { 'x-request-id': 'x'.repeat(129) }],
    ['unsafe', { 'x-request-id': 'abc"}\u001b[31m' }],
  ])('generates a UUID when the incoming id is %s', async (_label, headers) => {
    const response = await gateway.inject({ method: 'GET', url: '/v1/health/live', headers });
    expect(response.headers['x-request-id']).toMatch(UUID);
  });

  it('puts the request id on every line logged while serving a request', async () => {
    const requestId = 'trace-every-line';
    const response = await gateway.inject({
      method: 'POST',
      url: '/v1/test/carts',
      headers: { 'x-request-id': requestId },
      payload: cart,
    });
    expect(response.statusCode).toBe(201);

    const lines = gateway.logs.forRequest(requestId);
    expect(lines.map((line) => line.msg)).toEqual(['Cart accepted', 'request completed']);
    for (const line of lines) expect(line.requestId).toBe(requestId);
    expect(lines[1]).toMatchObject({
      req: { method: 'POST', url: '/v1/test/carts' },
      res: { statusCode: 201 },
    });
  });

  it('puts the request id on the lines of failed requests too', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/v1/test/crash' });
    const requestId = response.headers['x-request-id'] as string;
    const lines = gateway.logs.forRequest(requestId);
    expect(lines.map((line) => line.msg)).toEqual(['Request failed', 'request errored']);
    for (const line of lines) expect(line.requestId).toBe(requestId);
  });

  it('never logs credentials, cookies or secrets', async () => {
    await gateway.inject({
      method: 'POST',
      url: '/v1/test/carts',
      headers: {
        authorization: `Bearer ${CUSTOMER_KEY}`,
        cookie: 'session=cookie-secret-value',
        'x-api-key': 'x-api-key-secret-value',
        'x-request-id': 'redaction-check',
      },
      payload: cart,
    });
    const output = gateway.logs.lines.join('\n');
    expect(gateway.logs.forRequest('redaction-check')).not.toHaveLength(0);
    for (const secret of [CUSTOMER_KEY, 'cookie-secret-value', 'x-api-key-secret-value', LOGGED_SECRET]) {
      expect(output).not.toContain(secret);
    }
    expect(output).not.toContain(TEST_MASTER_TOKEN);
    expect(output).not.toContain(TEST_KEY_PEPPER);
    const completed = gateway.logs
      .forRequest('redaction-check')
      .find((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({ req: { method: 'POST', url: '/v1/test/carts' } });
    expect(completed).not.toHaveProperty('req.headers');
  });

  it('logs the route pattern, time, caller address and agent, and masks a key in the query string', async () => {
    const response = await gateway.inject({
      method: 'GET',
      url: `/v1/test/upstream/404?api_key=${KEY_IN_QUERY}`,
      headers: { 'x-request-id': 'query-key', 'user-agent': 'storefront/1.0' },
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    const completed = gateway.logs.forRequest('query-key').find((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({
      requestId: 'query-key',
      req: {
        method: 'GET',
        url: '/v1/test/upstream/404?api_key=ssg_abcdefghij12_[redacted]',
        route: '/v1/test/upstream/:status',
        remoteAddress: '127.0.0.1',
        userAgent: 'storefront/1.0',
      },
      res: { statusCode: response.statusCode },
    });
    expect(typeof completed?.responseTime).toBe('number');
    expect(gateway.logs.lines.join('\n')).not.toContain(KEY_IN_QUERY);
  });

  it('logs a 503 as a warning and other 5xx as errors', async () => {
    // An upstream 402 (the gateway's own account cannot pay) is answered 503.
    const unavailable = await gateway.inject({
      method: 'GET',
      url: '/v1/test/upstream/402',
      headers: { 'x-request-id': 'w503' },
    });
    const crashed = await gateway.inject({
      method: 'GET',
      url: '/v1/test/crash',
      headers: { 'x-request-id': 'e500' },
    });
    expect([unavailable.statusCode, crashed.statusCode]).toEqual([503, 500]);
    const levelOf = (id: string) =>
      gateway.logs.forRequest(id).find((line) => line.msg === 'request errored')?.level;
    expect(levelOf('w503')).toBe(40);
    expect(levelOf('e500')).toBe(50);
  });

  it('logs a request the client gave up on before the answer', async () => {
    await gateway.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = gateway.app.getHttpServer().address() as { port: number };
    const request = http.get({ port, path: '/v1/test/held', headers: { 'x-request-id': 'gave-up' } });
    request.on('error', () => undefined);
    await heldRequests.nextArrival();
    request.destroy();
    const abortLine = () => gateway.logs.forRequest('gave-up').find((line) => line.msg === 'request aborted');
    await waitFor('the aborted request logged', async () => abortLine() !== undefined, { timeoutMs: 5_000 });
    heldRequests.releaseAll();
    expect(abortLine()).toMatchObject({ level: 40, req: { method: 'GET', url: '/v1/test/held' } });
  });

  it('writes the boot lines as JSON too', () => {
    expect(gateway.logs.lines.length).toBeGreaterThan(0);
    expect(gateway.logs.entries.some((entry) => entry.msg === 'Nest application successfully started')).toBe(
      true,
    );
  });
});
