import pg from 'pg';
import { GatewayHarness, startGateway } from '../support/gateway-harness';
import { createCustomer, issueKey, pollUntil } from './support';

/** Every 250 ms for at most 5 s: a change made on one instance must be seen by the other in that time. */
const WITHIN_5_SECONDS = { attempts: 20, intervalMs: 250 };

describe('key changes across two gateway instances sharing one database', () => {
  let one: GatewayHarness;
  let two: GatewayHarness;

  beforeAll(async () => {
    one = await startGateway();
    two = await startGateway({ databaseUrl: one.databaseUrl, sandbox: one.sandbox });
  }, 120_000);
  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  const statusOn = async (gw: GatewayHarness, key: string) =>
    (await gw.call('GET', '/v1/account', { key })).status;

  it('rejects a key on instance 2 within 5 s of its revoke on instance 1', async () => {
    const customer = await createCustomer(one);
    const issued = await issueKey(one, customer.id);
    // Instance 2 has verified (and cached) the key before the revoke.
    expect(await statusOn(two, issued.key)).toBe(200);
    expect(await statusOn(two, issued.key)).toBe(200);

    expect((await one.call('DELETE', `/v1/admin/keys/${issued.id}`, { key: one.adminKey })).status).toBe(200);
    expect(await statusOn(one, issued.key)).toBe(401);
    const attempts = await pollUntil(async () => (await statusOn(two, issued.key)) === 401, WITHIN_5_SECONDS);
    expect(attempts * WITHIN_5_SECONDS.intervalMs).toBeLessThanOrEqual(5000);
    // And it stays rejected.
    expect(await statusOn(two, issued.key)).toBe(401);
  });

  it("rejects a suspended customer's key on instance 2 within 5 s, and accepts it again once active", async () => {
    const customer = await createCustomer(one);
    const issued = await issueKey(one, customer.id);
    expect(await statusOn(two, issued.key)).toBe(200);
    const patch = (status: string) =>
      one.call('PATCH', `/v1/admin/customers/${customer.id}`, { key: one.adminKey, body: { status } });

    expect((await patch('suspended')).status).toBe(200);
    expect(await statusOn(one, issued.key)).toBe(403);
    await pollUntil(async () => (await statusOn(two, issued.key)) === 403, WITHIN_5_SECONDS);

    expect((await patch('active')).status).toBe(200);
    await pollUntil(async () => (await statusOn(two, issued.key)) === 200, WITHIN_5_SECONDS);
  });

  it('rejects the old key on instance 2 within 5 s of a rotation with no grace', async () => {
    const customer = await createCustomer(one);
    const issued = await issueKey(one, customer.id);
    expect(await statusOn(two, issued.key)).toBe(200);
    const rotated = await one.call('POST', `/v1/admin/keys/${issued.id}/rotate`, {
      key: one.adminKey,
      body: { gracePeriodSeconds: 0 },
    });
    expect(rotated.status).toBe(201);
    expect(await statusOn(two, rotated.body.key)).toBe(200);
    await pollUntil(async () => (await statusOn(two, issued.key)) === 401, WITHIN_5_SECONDS);
  });
});

describe('key verification cache', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await startGateway({ env: { GATEWAY_KEY_CACHE_TTL_MS: '5000' } });
  }, 120_000);
  afterAll(() => gw?.close());

  it('serves repeated requests without reading the key again, and sees a change within the TTL', async () => {
    const customer = await createCustomer(gw);
    const issued = await issueKey(gw, customer.id);
    expect((await gw.call('GET', '/v1/account', { key: issued.key })).status).toBe(200);

    // Revoked behind the gateway's back (no API call to clear its cache): the cached copy still answers...
    const client = new pg.Client({ connectionString: gw.databaseUrl });
    await client.connect();
    try {
      await client.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [issued.id]);
    } finally {
      await client.end();
    }
    expect((await gw.call('GET', '/v1/account', { key: issued.key })).status).toBe(200);
    // ...until its TTL (here the maximum, 5 s) runs out.
    await pollUntil(async () => (await gw.call('GET', '/v1/account', { key: issued.key })).status === 401, {
      attempts: 24,
      intervalMs: 250,
    });
  });

  it('refuses a cache TTL above 5 s', async () => {
    await expect(startGateway({ env: { GATEWAY_KEY_CACHE_TTL_MS: '5001' } })).rejects.toThrow(
      /GATEWAY_KEY_CACHE_TTL_MS/,
    );
  });
});
