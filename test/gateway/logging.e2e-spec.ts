import { BootedGateway, bootGateway } from './support/boot-gateway';
import { TEST_KEY_PEPPER, TEST_MASTER_TOKEN } from './support/gateway-test-env';
import { LOGGED_SECRET, ProbeModule } from './support/probe.module';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CUSTOMER_KEY = 'ssg_pub123_verysecretcustomerkeyvalue';
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
    expect(completed).toMatchObject({
      req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } },
    });
  });

  it('writes the boot lines as JSON too', () => {
    expect(gateway.logs.lines.length).toBeGreaterThan(0);
    expect(gateway.logs.entries.some((entry) => entry.msg === 'Nest application successfully started')).toBe(
      true,
    );
  });
});
