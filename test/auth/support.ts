import { randomUUID } from 'node:crypto';
import type { GatewayHarness } from '../support/gateway-harness';
import { sleep } from '../support/polling';

export interface TestCustomer {
  id: string;
  name: string;
}

export interface IssuedKey {
  id: string;
  key: string;
  customerId: string | null;
  scopes: string[];
}

/** A customer created through the admin API, with a name no other suite uses. */
export async function createCustomer(gw: GatewayHarness, fields: Record<string, unknown> = {}) {
  const res = await gw.call('POST', '/v1/admin/customers', {
    key: gw.adminKey,
    body: { name: `customer-${randomUUID()}`, ...fields },
  });
  if (res.status !== 201) throw new Error(`create customer: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as TestCustomer;
}

/** A key issued through the admin API; `fields` are the POST body (name defaults). */
export async function issueKey(
  gw: GatewayHarness,
  customerId: string,
  fields: Record<string, unknown> = {},
): Promise<IssuedKey> {
  const res = await gw.call('POST', `/v1/admin/customers/${customerId}/keys`, {
    key: gw.adminKey,
    body: { name: 'test key', ...fields },
  });
  if (res.status !== 201) throw new Error(`issue key: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as IssuedKey;
}

export { sleep };

/**
 * Calls `probe` every `intervalMs` until it returns true, at most `attempts` times; returns the
 * number of attempts it took, or throws when it never did.
 */
export async function pollUntil(
  probe: () => Promise<boolean>,
  { attempts, intervalMs }: { attempts: number; intervalMs: number },
): Promise<number> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (await probe()) return attempt;
    await sleep(intervalMs);
  }
  throw new Error(`condition not met after ${attempts} attempts every ${intervalMs} ms`);
}
