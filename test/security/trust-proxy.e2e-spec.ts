import { createCustomer, issueKey } from '../auth/support';
import { GatewayHarness, startGateway } from '../support/gateway-harness';

/** A key of the right shape that names no key: every use is a failed authentication (401). */
const GUESS = `ssg_${'g'.repeat(12)}_${'x'.repeat(43)}`;
const FAILURES_PER_MINUTE = '3';

const fromClient = (gw: GatewayHarness, key: string, forwardedFor?: string) =>
  gw.call('GET', '/v1/account', {
    key,
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  });

async function statusesOf(gw: GatewayHarness, key: string, forwardedFor: (string | undefined)[]) {
  const statuses: number[] = [];
  for (const address of forwardedFor) statuses.push((await fromClient(gw, key, address)).status);
  return statuses;
}

/**
 * Which address the per-IP limit on failed authentications and the keys' IP allowlists see. The
 * limit itself is tested in test/rate-limit/inbound-limits.e2e-spec.ts; here only where the
 * address comes from. The test client connects from 127.0.0.1, playing the load balancer.
 */
describe('TRUST_PROXY unset: X-Forwarded-For is the client talking, not a proxy', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await startGateway({ env: { RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: FAILURES_PER_MINUTE } });
  });
  afterAll(() => gw?.close());

  it('keeps an allowlisted key out, whatever address the header claims', async () => {
    const customer = await createCustomer(gw);
    const walled = await issueKey(gw, customer.id, { allowedIps: ['203.0.113.0/24'] });
    expect(await statusesOf(gw, walled.key, ['203.0.113.7', undefined])).toEqual([403, 403]);
  });

  it('counts every failure against the connecting address, so a new header value does not reset it', async () => {
    const addresses = ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4', undefined];
    expect(await statusesOf(gw, GUESS, addresses)).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('TRUST_PROXY set to the load balancer address: the client address comes from X-Forwarded-For', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await startGateway({
      env: { TRUST_PROXY: '127.0.0.1', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: FAILURES_PER_MINUTE },
    });
  });
  afterAll(() => gw?.close());

  it("applies a key's allowlist to the forwarded client address", async () => {
    const customer = await createCustomer(gw);
    const walled = await issueKey(gw, customer.id, { allowedIps: ['203.0.113.0/24'] });
    expect(await statusesOf(gw, walled.key, ['203.0.113.7', '198.51.100.1', undefined])).toEqual([
      200, 403, 403,
    ]);
  });

  it('takes the address the proxy saw, not one the client prepended', async () => {
    const customer = await createCustomer(gw);
    const walled = await issueKey(gw, customer.id, { allowedIps: ['203.0.113.0/24'] });
    // The proxy appends the address it saw: the client's own header value stays on the left.
    expect((await fromClient(gw, walled.key, '203.0.113.7, 198.51.100.9')).status).toBe(403);
  });

  it('counts failures per forwarded client: one blocked client does not block the others', async () => {
    const blocked = '192.0.2.10';
    expect(await statusesOf(gw, GUESS, [blocked, blocked, blocked, blocked])).toEqual([401, 401, 401, 429]);
    expect(await statusesOf(gw, GUESS, ['192.0.2.11', `192.0.2.11, ${blocked}`])).toEqual([401, 429]);
  });
});
