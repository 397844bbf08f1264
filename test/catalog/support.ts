import { randomUUID } from 'node:crypto';
import { StreamSkillClient } from '@app/streamskill';
import { SandboxControl } from '@app/sandbox/control/sandbox-control';
import type { GatewayHarness } from '../support/gateway-harness';

/** A customer (with an optional markup) and a key of it, through the admin API. */
export async function customerWithKey(
  gw: GatewayHarness,
  fields: { markupPercent?: string | null; scopes?: string[] } = {},
): Promise<{ id: string; key: string }> {
  const created = await gw.call('POST', '/v1/admin/customers', {
    key: gw.adminKey,
    body: { name: `catalog-${randomUUID()}`, markupPercent: fields.markupPercent },
  });
  if (created.status !== 201)
    throw new Error(`create customer: ${created.status} ${JSON.stringify(created.body)}`);
  const issued = await gw.call('POST', `/v1/admin/customers/${created.body.id}/keys`, {
    key: gw.adminKey,
    body: { name: 'catalog test', ...(fields.scopes ? { scopes: fields.scopes } : {}) },
  });
  if (issued.status !== 201) throw new Error(`issue key: ${issued.status} ${JSON.stringify(issued.body)}`);
  return { id: created.body.id, key: issued.body.key };
}

/** PUT /v1/admin/tarifs/{id}; throws unless 200. */
export async function resell(gw: GatewayHarness, id: number, body: Record<string, unknown>) {
  const res = await gw.call('PUT', `/v1/admin/tarifs/${id}`, { key: gw.adminKey, body });
  if (res.status !== 200) throw new Error(`PUT tarif ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A StreamSkill client talking to the harness's sandbox directly, as the gateway's own client does. */
export function sandboxClient(gw: GatewayHarness): StreamSkillClient {
  return new StreamSkillClient({ baseUrl: gw.sandbox.url, token: gw.sandbox.token });
}

/** Upstream requests the sandbox has seen so far. */
export async function upstreamRequests(gw: GatewayHarness): Promise<number> {
  return (await new SandboxControl(gw.sandbox).state()).counters.requests.total;
}
