import { createHmac, randomUUID } from 'node:crypto';
import pg from 'pg';
import { KeyUsageRecorder } from '../../apps/gateway/src/auth/key-usage.recorder';
import { GatewayHarness, startGateway, TEST_PEPPER } from '../support/gateway-harness';
import { createCustomer, issueKey, sleep, TestCustomer } from './support';

const KEY = /^ssg_[a-z0-9]{12}_[A-Za-z0-9]{43}$/;
const UNAUTHORIZED = {
  name: 'Unauthorized',
  message: 'Your request was made with invalid credentials.',
  code: 0,
  status: 401,
  type: 'unauthorized_http_exception',
};

describe('API key lifecycle (e2e over HTTP)', () => {
  let gw: GatewayHarness;
  let customer: TestCustomer;

  const account = (key: string | undefined, headers: Record<string, string> = {}) =>
    gw.call('GET', '/v1/account', { key, headers });
  const admin = (method: string, path: string, body?: unknown) =>
    gw.call(method, path, { key: gw.adminKey, body });
  const listKeys = async (customerId: string) =>
    (await admin('GET', `/v1/admin/customers/${customerId}/keys`)).body as Record<string, unknown>[];

  async function expectUnauthorized(key: string | undefined, headers: Record<string, string> = {}) {
    const res = await account(key, headers);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject(UNAUTHORIZED);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  }

  async function expectForbidden(key: string, headers: Record<string, string> = {}, path = '/v1/account') {
    const res = await gw.call('GET', path, { key, headers });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ status: 403, type: 'forbidden_http_exception', code: 0 });
    return res;
  }

  beforeAll(async () => {
    gw = await startGateway();
    customer = await createCustomer(gw);
  }, 120_000);
  afterAll(() => gw.close());

  describe('issue and list', () => {
    it('issues a key whose secret is shown once and works at once', async () => {
      const res = await admin('POST', `/v1/admin/customers/${customer.id}/keys`, { name: 'storefront' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        customerId: customer.id,
        name: 'storefront',
        key: expect.stringMatching(KEY),
        scopes: ['purchases:read', 'purchases:write', 'account:read'],
        allowedIps: [],
        status: 'active',
        expiresAt: null,
        lastUsedAt: null,
      });
      expect(res.body.key.startsWith(`${res.body.prefix}_`)).toBe(true);

      const me = await account(res.body.key);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        id: customer.id,
        name: customer.name,
        status: 'active',
        currency: expect.any(String),
        creditLimit: '0.00',
        scopes: ['purchases:read', 'purchases:write', 'account:read'],
        rateLimit: { plan: 'standard' },
        key: { id: res.body.id, isAdmin: false },
      });
    });

    it('stores only an HMAC of the secret and never lists it again', async () => {
      const issued = await issueKey(gw, customer.id, { name: 'hashed' });
      const secret = issued.key.split('_')[2];
      const listed = await listKeys(customer.id);
      const row = listed.find((key) => key.id === issued.id);
      expect(row).toMatchObject({ id: issued.id, prefix: issued.key.slice(0, 16), name: 'hashed' });
      expect(row).not.toHaveProperty('key');
      expect(row).not.toHaveProperty('secretHash');
      expect(JSON.stringify(listed)).not.toContain(secret);

      const client = new pg.Client({ connectionString: gw.databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT * FROM api_keys WHERE id = $1', [issued.id]);
        expect(rows[0].secret_hash).toBe(createHmac('sha256', TEST_PEPPER).update(secret).digest('hex'));
        expect(JSON.stringify(rows[0])).not.toContain(secret);
      } finally {
        await client.end();
      }
    });

    it.each([
      [{}, ['name']],
      [{ name: '' }, ['name']],
      [{ name: 'x', scopes: ['admin'] }, ['scopes']],
      [{ name: 'x', scopes: ['purchases:delete'] }, ['scopes']],
      [{ name: 'x', scopes: ['account:read', 'account:read'] }, ['scopes']],
      [{ name: 'x', scopes: [] }, ['scopes']],
      [{ name: 'x', scopes: 'account:read' }, ['scopes']],
      [{ name: 'x', expiresAt: 'tomorrow' }, ['expiresAt']],
      [{ name: 'x', expiresAt: '2001-01-01T00:00:00Z' }, ['expiresAt']],
      [{ name: 'x', allowedIps: ['300.1.1.1'] }, ['allowedIps']],
      [{ name: 'x', allowedIps: ['10.0.0.0/33'] }, ['allowedIps']],
      [{ name: 'x', allowedIps: '10.0.0.0/8' }, ['allowedIps']],
      [{ name: 'x', customerId: randomUUID() }, ['customerId']],
    ])('rejects the key body %j with field errors on %j', async (body, fields) => {
      const before = (await listKeys(customer.id)).length;
      const res = await admin('POST', `/v1/admin/customers/${customer.id}/keys`, body);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ status: 422, type: 'validate_exception' });
      expect(Object.keys(res.body.errors)).toEqual(fields);
      expect(await listKeys(customer.id)).toHaveLength(before);
    });

    it.each([randomUUID(), 'nope'])('answers 404 for keys of the unknown customer %s', async (id) => {
      expect((await admin('POST', `/v1/admin/customers/${id}/keys`, { name: 'x' })).status).toBe(404);
      expect((await admin('GET', `/v1/admin/customers/${id}/keys`)).status).toBe(404);
    });
  });

  describe('rejections', () => {
    it('answers 401 in the envelope for a missing, malformed, unknown or wrong key', async () => {
      const issued = await issueKey(gw, customer.id);
      const [, publicId] = issued.key.split('_');
      await expectUnauthorized(undefined);
      await expectUnauthorized(undefined, { authorization: `Basic ${issued.key}` });
      await expectUnauthorized(undefined, { authorization: 'Bearer' });
      await expectUnauthorized('not-a-key');
      await expectUnauthorized(`ssg_${'a'.repeat(12)}_${'b'.repeat(43)}`);
      await expectUnauthorized(`ssg_${publicId}_${'b'.repeat(43)}`);
      expect((await account(issued.key)).status).toBe(200);
    });

    it('revokes a key: 401 at once, listed as revoked, revoking again is harmless', async () => {
      const issued = await issueKey(gw, customer.id);
      expect((await account(issued.key)).status).toBe(200);
      const res = await admin('DELETE', `/v1/admin/keys/${issued.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: issued.id, status: 'revoked', revokedAt: expect.any(String) });
      await expectUnauthorized(issued.key);
      expect((await admin('DELETE', `/v1/admin/keys/${issued.id}`)).body.revokedAt).toBe(res.body.revokedAt);
      const listed = (await listKeys(customer.id)).find((key) => key.id === issued.id);
      expect(listed).toMatchObject({ status: 'revoked' });
    });

    it.each([randomUUID(), 'abc'])('answers 404 when revoking or rotating the unknown key %s', async (id) => {
      expect((await admin('DELETE', `/v1/admin/keys/${id}`)).status).toBe(404);
      expect((await admin('POST', `/v1/admin/keys/${id}/rotate`, {})).status).toBe(404);
    });

    it('rejects a key once it has expired', async () => {
      const issued = await issueKey(gw, customer.id, {
        expiresAt: new Date(Date.now() + 1500).toISOString(),
      });
      expect((await account(issued.key)).status).toBe(200);
      await sleep(1600);
      await expectUnauthorized(issued.key);
      expect((await listKeys(customer.id)).find((key) => key.id === issued.id)).toMatchObject({
        status: 'expired',
      });
    });

    it('answers 403 for a key without the scope the route needs, and for admin routes', async () => {
      const issued = await issueKey(gw, customer.id, { scopes: ['purchases:read'] });
      const res = await expectForbidden(issued.key);
      expect(res.body.message).toMatch(/account:read/);
      await expectForbidden(issued.key, {}, '/v1/admin/customers');
      const full = await issueKey(gw, customer.id);
      await expectForbidden(full.key, {}, `/v1/admin/customers/${customer.id}`);
    });

    it('answers 403 from outside the allowlist and 200 from inside it', async () => {
      const outside = await issueKey(gw, customer.id, { allowedIps: ['10.0.0.0/8'] });
      await expectForbidden(outside.key);
      const inside = await issueKey(gw, customer.id, { allowedIps: ['10.0.0.0/8', '127.0.0.1/32'] });
      expect((await account(inside.key)).status).toBe(200);
      const single = await issueKey(gw, customer.id, { allowedIps: ['127.0.0.1'] });
      expect((await account(single.key)).status).toBe(200);
    });

    it("answers 403 for a suspended customer's keys, and 200 again once active", async () => {
      const other = await createCustomer(gw);
      const issued = await issueKey(gw, other.id);
      expect((await account(issued.key)).status).toBe(200);
      expect((await admin('PATCH', `/v1/admin/customers/${other.id}`, { status: 'suspended' })).status).toBe(
        200,
      );
      const res = await expectForbidden(issued.key);
      expect(res.body.message).toMatch(/suspended/);
      // A wrong secret is still a 401: suspension says nothing to somebody without the key.
      await expectUnauthorized(`${issued.key.slice(0, 17)}${'x'.repeat(43)}`);
      await admin('PATCH', `/v1/admin/customers/${other.id}`, { status: 'active' });
      expect((await account(issued.key)).status).toBe(200);
    });
  });

  describe('rotation', () => {
    it('keeps the old key working during the grace period, then rejects it', async () => {
      const old = await issueKey(gw, customer.id, { name: 'rotating', scopes: ['account:read'] });
      const res = await admin('POST', `/v1/admin/keys/${old.id}/rotate`, { gracePeriodSeconds: 1 });
      // First thing after the rotation: the grace period is one second.
      expect((await account(old.key)).status).toBe(200);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        customerId: customer.id,
        name: 'rotating',
        scopes: ['account:read'],
        key: expect.stringMatching(KEY),
        status: 'active',
      });
      expect(res.body.id).not.toBe(old.id);
      expect((await account(res.body.key)).status).toBe(200);

      await sleep(1100);
      await expectUnauthorized(old.key);
      expect((await account(res.body.key)).status).toBe(200);
      expect((await admin('POST', `/v1/admin/keys/${old.id}/rotate`, {})).status).toBe(409);
    });

    it('gives a day of grace by default, and refuses to rotate a revoked key', async () => {
      const old = await issueKey(gw, customer.id);
      const res = await gw.call('POST', `/v1/admin/keys/${old.id}/rotate`, { key: gw.adminKey });
      expect(res.status).toBe(201);
      const listed = (await listKeys(customer.id)).find((key) => key.id === old.id);
      const grace = Date.parse(listed!.graceEndsAt as string) - Date.now();
      expect(grace).toBeGreaterThan(86_000_000);
      expect(grace).toBeLessThanOrEqual(86_400_000);
      expect(listed).toMatchObject({ status: 'rotating', replacedById: res.body.id });
      expect((await account(old.key)).status).toBe(200);

      const revoked = await issueKey(gw, customer.id);
      await admin('DELETE', `/v1/admin/keys/${revoked.id}`);
      expect((await admin('POST', `/v1/admin/keys/${revoked.id}/rotate`, {})).status).toBe(409);
    });

    it('rotates a key exactly once when asked twice at the same time', async () => {
      const old = await issueKey(gw, customer.id);
      const before = (await listKeys(customer.id)).length;
      const answers = await Promise.all(
        [1, 2, 3].map(() => admin('POST', `/v1/admin/keys/${old.id}/rotate`, { gracePeriodSeconds: 60 })),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
      expect(await listKeys(customer.id)).toHaveLength(before + 1);
    });

    it.each([
      { gracePeriodSeconds: -1 },
      { gracePeriodSeconds: 'soon' },
      { gracePeriodSeconds: 1e9 },
      { x: 1 },
    ])('rejects the rotate body %j with field errors', async (body) => {
      const old = await issueKey(gw, customer.id);
      const res = await admin('POST', `/v1/admin/keys/${old.id}/rotate`, body);
      expect(res.status).toBe(422);
      expect(Object.keys(res.body.errors)).toEqual([Object.keys(body)[0]]);
      expect((await listKeys(customer.id)).find((key) => key.id === old.id)).toMatchObject({
        status: 'active',
      });
    });
  });

  describe('On-Behalf-Of', () => {
    it('lets an admin key act for an existing customer, and only when it names one', async () => {
      const res = await account(gw.adminKey, { 'on-behalf-of': customer.id });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: customer.id, scopes: ['admin'], key: { isAdmin: true } });

      const missing = await account(gw.adminKey);
      expect(missing.status).toBe(400);
      expect(missing.body).toMatchObject({ status: 400, type: 'bad_request_http_exception' });
      for (const unknown of [randomUUID(), 'not-a-customer']) {
        const res404 = await account(gw.adminKey, { 'on-behalf-of': unknown });
        expect(res404.status).toBe(404);
        expect(res404.body).toMatchObject({ status: 404, type: 'not_found_http_exception' });
      }
    });

    it('answers 403 to a customer key that sends it, even naming its own customer', async () => {
      const issued = await issueKey(gw, customer.id);
      const other = await createCustomer(gw);
      await expectForbidden(issued.key, { 'on-behalf-of': other.id });
      await expectForbidden(issued.key, { 'on-behalf-of': customer.id });
    });
  });

  describe('last use', () => {
    it('records the time and address of the last use in memory, written on flush', async () => {
      const issued = await issueKey(gw, customer.id);
      const before = Date.now();
      expect((await account(issued.key)).status).toBe(200);
      // Nothing written per request...
      expect((await listKeys(customer.id)).find((key) => key.id === issued.id)).toMatchObject({
        lastUsedAt: null,
        lastUsedIp: null,
      });
      // ...until the recorder flushes its batch.
      await gw.app.get(KeyUsageRecorder).flush();
      const listed = (await listKeys(customer.id)).find((key) => key.id === issued.id)!;
      expect(listed.lastUsedIp).toBe('127.0.0.1');
      const lastUsedAt = Date.parse(listed.lastUsedAt as string);
      expect(lastUsedAt).toBeGreaterThanOrEqual(before - 5);
      expect(lastUsedAt).toBeLessThanOrEqual(Date.now());
    });

    it('does not record rejected attempts as a use', async () => {
      const issued = await issueKey(gw, customer.id, { allowedIps: ['10.0.0.0/8'] });
      await account(issued.key);
      await gw.app.get(KeyUsageRecorder).flush();
      expect((await listKeys(customer.id)).find((key) => key.id === issued.id)).toMatchObject({
        lastUsedAt: null,
      });
    });
  });
});
