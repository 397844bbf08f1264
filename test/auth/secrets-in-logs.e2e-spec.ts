import { KeyUsageRecorder } from '../../apps/gateway/src/auth/key-usage.recorder';
import { GatewayHarness, startGateway, TEST_PEPPER } from '../support/gateway-harness';
import { createCustomer, issueKey } from './support';

/**
 * Drives every key path at the most verbose log level, then searches everything the gateway logged
 * for each issued secret, the pepper and the upstream master token.
 */
describe('no secret in the logs', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await startGateway({ env: { LOG_LEVEL: 'trace' } });
  }, 120_000);
  afterAll(() => gw?.close());

  it('never logs a key secret, the pepper or the master token', async () => {
    const secrets: string[] = [gw.adminKey];
    const customer = await createCustomer(gw);
    const key = await issueKey(gw, customer.id);
    secrets.push(key.key);

    // Successful and refused uses, in every place a client might put a key.
    const headersFor = (value: string): Record<string, string>[] => [
      { authorization: `Bearer ${value}` },
      { authorization: `Basic ${value}` },
      { authorization: value },
      { 'x-api-key': value },
    ];
    for (const headers of headersFor(key.key)) await gw.call('GET', '/v1/account', { headers });
    await gw.call('GET', `/v1/account?api_key=${key.key}`);
    const wrongSecret = `${key.key.slice(0, 17)}${'W'.repeat(43)}`;
    secrets.push(wrongSecret);
    await gw.call('GET', '/v1/account', { key: wrongSecret });
    await gw.call('GET', '/v1/account', { key: key.key, headers: { 'on-behalf-of': customer.id } });
    await gw.call('POST', '/v1/admin/customers', { key: key.key, body: { name: 'x' } });

    // Rotation shows a new secret once; revoke and use the dead keys.
    const rotated = await gw.call('POST', `/v1/admin/keys/${key.id}/rotate`, {
      key: gw.adminKey,
      body: { gracePeriodSeconds: 0 },
    });
    expect(rotated.status).toBe(201);
    secrets.push(rotated.body.key);
    await gw.call('GET', '/v1/account', { key: rotated.body.key });
    await gw.call('GET', '/v1/account', { key: key.key });
    await gw.call('DELETE', `/v1/admin/keys/${rotated.body.id}`, { key: gw.adminKey });
    await gw.call('GET', '/v1/account', { key: rotated.body.key });

    // Bodies that fail validation, with key-like values in them.
    const listed = await gw.call('POST', `/v1/admin/customers/${customer.id}/keys`, {
      key: gw.adminKey,
      body: { name: 'x', secret: key.key, scopes: ['admin'] },
    });
    expect(listed.status).toBe(422);
    await gw.call('POST', '/v1/admin/customers', { key: gw.adminKey, body: '{"name": "' });

    // Upstream traffic carries the master token.
    await gw.call('PUT', '/v1/admin/tarifs/1', { key: gw.adminKey, body: { enabled: true } });
    await gw.call('GET', '/v1/health/ready');
    await gw.app.get(KeyUsageRecorder).flush();

    const text = gw.logs.join('\n');
    expect(gw.logs.length).toBeGreaterThan(20);
    // The log did see these requests: the search below is not vacuous.
    expect(text).toContain('/v1/admin/keys/');
    for (const secret of secrets) {
      const [, publicId, part] = secret.split('_');
      expect({ publicId, found: text.includes(part) }).toEqual({ publicId, found: false });
    }
    expect(text).not.toContain(TEST_PEPPER);
    expect(text).not.toContain(gw.env.STREAMSKILL_API_TOKEN);
  });
});
