import { createCustomer, issueKey } from '../auth/support';
import { sendRaw, RawAnswer } from '../fuzz/support/raw-http';
import { GatewayHarness, startGateway } from '../support/gateway-harness';

const SHOP = 'https://shop.example';
const OTHER_SHOP = 'https://other-shop.example:8443';
const EVIL = 'https://evil.example';

const CORS_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-allow-credentials',
  'access-control-expose-headers',
];

const corsHeadersOf = (answer: RawAnswer) =>
  Object.fromEntries(
    CORS_HEADERS.filter((name) => answer.headers[name] !== undefined).map((n) => [n, answer.headers[n]]),
  );

/**
 * What a browser storefront sees. test/gateway/http.e2e-spec.ts checks the preflight's
 * Allow-Origin for one allowed and one other origin; this covers actual requests, errors, the
 * headers a purchase needs, and a gateway without CORS_ORIGINS.
 */
describe('CORS with CORS_ORIGINS set', () => {
  let gw: GatewayHarness;
  let key: string;

  beforeAll(async () => {
    gw = await startGateway({ env: { CORS_ORIGINS: `${SHOP}/, ${OTHER_SHOP}` } });
    key = (await issueKey(gw, (await createCustomer(gw)).id)).key;
  });
  afterAll(() => gw?.close());

  const get = (origin: string, withKey = true) =>
    sendRaw(gw.url, {
      method: 'GET',
      path: '/v1/account',
      headers: { origin, ...(withKey ? { authorization: `Bearer ${key}` } : {}) },
    });
  const preflight = (origin: string) =>
    sendRaw(gw.url, {
      method: 'OPTIONS',
      path: '/v1/purchases/create',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });

  it.each([SHOP, OTHER_SHOP])(
    'answers %s with its own origin, and lets it read the gateway headers',
    async (origin) => {
      const answer = await get(origin);
      expect(answer.status).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBe(origin);
      expect(answer.headers.vary).toMatch(/origin/i);
      const exposed = String(answer.headers['access-control-expose-headers']).toLowerCase();
      for (const header of ['x-request-id', 'retry-after', 'ratelimit', 'idempotent-replayed']) {
        expect(exposed).toContain(header);
      }
    },
  );

  it('lets an allowed origin read an error too, so that a storefront can show it', async () => {
    const answer = await get(SHOP, false);
    expect(answer.status).toBe(401);
    expect(answer.headers['access-control-allow-origin']).toBe(SHOP);
  });

  it('allows a preflight for a purchase with a key and an Idempotency-Key, without credentials', async () => {
    const answer = await preflight(SHOP);
    expect(answer.status).toBeLessThan(300);
    expect(answer.headers['access-control-allow-origin']).toBe(SHOP);
    expect(String(answer.headers['access-control-allow-methods'])).toContain('POST');
    const allowed = String(answer.headers['access-control-allow-headers']).toLowerCase();
    for (const header of ['authorization', 'content-type', 'idempotency-key'])
      expect(allowed).toContain(header);
    // Keys travel in a header, never in cookies: no credentialed requests from browsers.
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it.each([EVIL, 'null', `${SHOP}.evil.example`, 'http://shop.example'])(
    'gives %s no CORS header at all, on requests and on preflights',
    async (origin) => {
      expect(corsHeadersOf(await get(origin))).toEqual({});
      expect(corsHeadersOf(await preflight(origin))).toEqual({});
    },
  );
});

describe('CORS without CORS_ORIGINS (the default)', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw?.close());

  it('sends no CORS header, on a request, an error or a preflight', async () => {
    const answers = [
      await sendRaw(gw.url, { method: 'GET', path: '/v1/health/live', headers: { origin: SHOP } }),
      await sendRaw(gw.url, { method: 'GET', path: '/v1/account', headers: { origin: SHOP } }),
      await sendRaw(gw.url, {
        method: 'OPTIONS',
        path: '/v1/purchases/create',
        headers: { origin: SHOP, 'access-control-request-method': 'POST' },
      }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 401, 404]);
    expect(answers.map(corsHeadersOf)).toEqual([{}, {}, {}]);
  });
});
