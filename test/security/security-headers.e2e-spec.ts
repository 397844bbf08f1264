import { createCustomer, issueKey } from '../auth/support';
import { sendRaw, RawAnswer, RawRequest } from '../fuzz/support/raw-http';
import { GatewayHarness, startGateway } from '../support/gateway-harness';

/**
 * test/gateway/http.e2e-spec.ts checks the headers on one 2xx; these are every other kind of answer,
 * over a real socket: errors from the guard, the validation pipe, the router, the body parser and
 * Node's own HTTP parser (431), which never reaches Fastify's hooks.
 */
describe('security headers on every kind of answer', () => {
  let gw: GatewayHarness;
  let customerKey: string;

  beforeAll(async () => {
    gw = await startGateway({ env: { BODY_LIMIT_BYTES: '2048' } });
    customerKey = (await issueKey(gw, (await createCustomer(gw)).id)).key;
  });
  afterAll(() => gw?.close());

  const send = (request: Partial<RawRequest> & { path: string }): Promise<RawAnswer> =>
    sendRaw(gw.url, { method: 'GET', headers: {}, ...request });
  const json = (key?: string) => ({
    'content-type': 'application/json',
    ...(key ? { authorization: `Bearer ${key}` } : {}),
  });

  function expectSecurityHeaders(answer: RawAnswer): void {
    expect(answer.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'cross-origin-resource-policy': 'same-origin',
      'x-request-id': expect.any(String),
    });
    expect(answer.headers['x-powered-by']).toBeUndefined();
  }

  it.each<[string, number, () => Promise<RawAnswer>]>([
    ['a 200 with a key', 200, () => send({ path: '/v1/account', headers: json(customerKey) })],
    ['the docs page', 200, () => send({ path: '/docs' })],
    ['a 401 without a key', 401, () => send({ path: '/v1/account' })],
    [
      'a 403 for a customer key on an admin route',
      403,
      () => send({ path: '/v1/admin/customers', headers: json(customerKey) }),
    ],
    ['a 404 for an unknown route', 404, () => send({ path: '/v1/no-such-route' })],
    ['a 404 outside /v1', 404, () => send({ path: '/../../etc/passwd' })],
    [
      'a 400 for malformed JSON',
      400,
      () => send({ method: 'POST', path: '/v1/quotes', headers: json(customerKey), body: '{"a":' }),
    ],
    [
      'a 413 for a body over the limit',
      413,
      () =>
        send({
          method: 'POST',
          path: '/v1/quotes',
          headers: json(customerKey),
          body: JSON.stringify({ channel: 'x'.repeat(4096) }),
        }),
    ],
    [
      'a 415 for a body that is not JSON',
      415,
      () =>
        send({
          method: 'POST',
          path: '/v1/quotes',
          headers: { ...json(customerKey), 'content-type': 'text/plain' },
          body: 'a',
        }),
    ],
    [
      'a 422 for an invalid body',
      422,
      () => send({ method: 'POST', path: '/v1/quotes', headers: json(customerKey), body: '{}' }),
    ],
    [
      'a 431 for headers over 16 KB',
      431,
      () => send({ path: '/v1/account', headers: { 'x-padding': 'p'.repeat(20_000) } }),
    ],
    ['a 431 for a URL over 16 KB', 431, () => send({ path: `/v1/purchases/${'1'.repeat(20_000)}` })],
  ])('sends them on %s', async (_label, status, request) => {
    const answer = await request();
    expect(answer.status).toBe(status);
    expectSecurityHeaders(answer);
  });

  it('answers a request Node cannot parse in the error envelope, with a request id', async () => {
    const answer = await send({ path: '/v1/account', headers: { 'x-padding': 'p'.repeat(20_000) } });
    expect(JSON.parse(answer.text)).toEqual({
      name: 'Request Header Fields Too Large',
      message: expect.any(String),
      code: 0,
      status: 431,
      type: 'request_header_fields_too_large_http_exception',
      requestId: answer.headers['x-request-id'],
    });
  });
});
