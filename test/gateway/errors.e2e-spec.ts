import { BootedGateway, bootGateway } from './support/boot-gateway';
import { LEAKY_INTERNAL_MESSAGE, ProbeModule } from './support/probe.module';

const UUID = /^[0-9a-f-]{36}$/;
const json = { 'content-type': 'application/json' };
const validCart = { tarif: { id: 1, quantity: 1000 }, channel: 'twitch' };

describe('gateway error envelope (e2e)', () => {
  let gateway: BootedGateway;

  beforeAll(async () => {
    gateway = await bootGateway({ env: { BODY_LIMIT_BYTES: '1024' }, imports: [ProbeModule] });
  });
  afterAll(() => gateway.app.close());

  it('answers an unknown route with a 404 envelope', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/v1/no-such-route' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      name: 'Not Found',
      message: 'Cannot GET /v1/no-such-route',
      code: 0,
      status: 404,
      type: 'not_found_http_exception',
      requestId: expect.stringMatching(UUID),
    });
  });

  it('serves routes under /v1 only', async () => {
    expect((await gateway.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(404);
  });

  it('answers malformed JSON with 400', async () => {
    const response = await gateway.inject({
      method: 'POST',
      url: '/v1/test/carts',
      headers: json,
      payload: '{"tarif":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      name: 'Bad Request',
      message: 'Malformed JSON body',
      status: 400,
      type: 'bad_request_http_exception',
    });
  });

  it('refuses prototype pollution as malformed JSON', async () => {
    const payload = '{"__proto__":{"admin":true},"channel":"x"}';
    const response = await gateway.inject({ method: 'POST', url: '/v1/test/carts', headers: json, payload });
    expect(response.statusCode).toBe(400);
  });

  it('answers a body over BODY_LIMIT_BYTES with 413', async () => {
    const payload = JSON.stringify({ ...validCart, channel: 'x'.repeat(2048) });
    const response = await gateway.inject({ method: 'POST', url: '/v1/test/carts', headers: json, payload });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ status: 413, type: 'payload_too_large_http_exception', code: 0 });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded'])('answers %s with 415', async (contentType) => {
    const response = await gateway.inject({
      method: 'POST',
      url: '/v1/test/carts',
      headers: { 'content-type': contentType },
      payload: 'channel=twitch',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ status: 415, type: 'unsupported_media_type_http_exception' });
  });

  it('answers invalid input with StreamSkill 422 and per-field errors', async () => {
    const payload = { tarif: { id: 0, quantity: 20000 }, channel: 'twitch', admin: true };
    const response = await gateway.inject({ method: 'POST', url: '/v1/test/carts', payload });
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body).toMatchObject({ name: 'Bad Request', code: 0, status: 422, type: 'validate_exception' });
    expect(Object.keys(body.errors).sort()).toEqual(['admin', 'tarif.id', 'tarif.quantity']);
    expect(body.errors['tarif.id'][0]).toMatch(/must not be less than 1/);
    expect(body.errors.admin[0]).toMatch(/should not exist/);
  });

  it('reads an empty JSON body as no body', async () => {
    const response = await gateway.inject({
      method: 'POST',
      url: '/v1/test/carts',
      headers: json,
      payload: '',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toHaveProperty('channel');
  });

  it('accepts and transforms a valid body', async () => {
    const response = await gateway.inject({ method: 'POST', url: '/v1/test/carts', payload: validCart });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual(validCart);
  });

  it('passes a GatewayError through with its headers', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/v1/test/rate-limited' });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
    expect(response.json()).toMatchObject({ name: 'Too Many Requests', type: 'rate_limited', status: 429 });
  });

  it('maps a unique violation to 409 conflict', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/v1/test/prisma/P2002' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ type: 'conflict', status: 409 });
  });

  it('never blames the caller for the gateway upstream account', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/v1/test/upstream/401' });
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ type: 'upstream_unavailable', status: 502 });
  });

  it('hides an unexpected error behind a generic 500 and logs it with its stack', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/v1/test/crash' });
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(body).toEqual({
      name: 'Internal Server Error',
      message: expect.stringContaining('request id'),
      code: 0,
      status: 500,
      type: 'internal_error',
      requestId: response.headers['x-request-id'],
    });
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('at ');

    const logged = gateway.logs.forRequest(body.requestId).find((entry) => entry.msg === 'Request failed');
    expect(logged).toMatchObject({ level: 50, err: { message: LEAKY_INTERNAL_MESSAGE } });
    expect((logged?.err as { stack: string }).stack).toContain('ProbeController.crash');
  });
});
