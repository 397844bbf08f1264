import { PrismaService } from '@app/database';
import { SandboxControl } from '@app/sandbox/control/sandbox-control';
import type { GatewayHarness } from '../../support/gateway-harness';
import type { FuzzOperation } from './openapi-operations';
import type { FuzzKeys } from './request-defects';

/** The resources a valid path parameter names, created through the API before fuzzing. */
export interface FuzzWorld {
  keys: FuzzKeys;
  customerId: string;
  /** A key of the customer that admin key routes act on (never the one the fuzzer uses). */
  spareKeyId: string;
  purchaseId: string;
  planName: string;
}

async function expectCall(
  gw: GatewayHarness,
  method: string,
  path: string,
  body?: unknown,
  key = gw.adminKey,
) {
  const answer = await gw.call(method, path, { key, body });
  if (answer.status >= 300)
    throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * The embedded test database is shared by the suites and upstream ids are unique: move the sandbox
 * past the ids stored already (as test/purchases/support.ts does; ids are never reused after a reset).
 */
async function skipUsedUpstreamIds(gw: GatewayHarness): Promise<void> {
  const sandbox = new SandboxControl(gw.sandbox);
  const { _max } = await gw.app.get(PrismaService).purchase.aggregate({ _max: { upstreamId: true } });
  for (let id = 1; id <= (_max.upstreamId ?? 0); id++) {
    await sandbox.seedPurchase({ tarif: 1, channel: 'skipped', foreign: true });
  }
  await sandbox.reset();
}

export async function buildFuzzWorld(gw: GatewayHarness): Promise<FuzzWorld> {
  await skipUsedUpstreamIds(gw);
  await expectCall(gw, 'PUT', '/v1/admin/tarifs/1', { enabled: true });
  await expectCall(gw, 'PUT', '/v1/admin/rate-limit-plans/fuzz-plan', { burst: 1000, perMinute: 100000 });
  const customer = await expectCall(gw, 'POST', '/v1/admin/customers', {
    name: 'fuzz customer',
    plan: 'fuzz-plan',
  });
  await expectCall(gw, 'POST', `/v1/admin/customers/${customer.id}/ledger`, {
    type: 'credit',
    amount: '1000.00',
    reason: 'fuzz funds',
  });
  const key = await expectCall(gw, 'POST', `/v1/admin/customers/${customer.id}/keys`, { name: 'fuzz key' });
  const spare = await expectCall(gw, 'POST', `/v1/admin/customers/${customer.id}/keys`, {
    name: 'spare key',
  });
  const cart = { tarif: { id: 1, quantity: 100, duration: 1 }, channel: 'fuzzchannel' };
  const purchase = await expectCall(gw, 'POST', '/v1/purchases/create', cart, key.key);
  return {
    keys: {
      admin: gw.adminKey,
      customer: key.key,
      wrongSecret: `${key.key.slice(0, 17)}${'W'.repeat(43)}`,
      customerId: customer.id,
    },
    customerId: customer.id,
    spareKeyId: spare.id,
    purchaseId: String(purchase.id),
    planName: 'fuzz-plan',
  };
}

/** The existing resource each path parameter of the operation names. */
export function validParamsFor(op: FuzzOperation, world: FuzzWorld): Record<string, string> {
  const values: Record<string, string> = {};
  for (const param of op.parameters.filter((p) => p.in === 'path')) {
    if (param.name === 'tarifId') values.tarifId = '1';
    else if (param.name === 'keyId') values.keyId = world.spareKeyId;
    else if (param.name === 'name') values.name = world.planName;
    else if (op.template.startsWith('/v1/admin/customers/')) values.id = world.customerId;
    else if (op.template.includes('/purchases/')) values.id = world.purchaseId;
    else throw new Error(`No valid value for ${param.name} of ${op.method} ${op.template}`);
  }
  return values;
}
