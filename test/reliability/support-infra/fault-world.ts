import { randomUUID } from 'node:crypto';
import { PrismaService } from '@app/database';
import type { RunningSandbox } from '@app/sandbox/sandbox';
import { SandboxControl } from '@app/sandbox/control/sandbox-control';
import { enableTarif, newCustomer, type PurchasesWorld, type TestCustomer } from '../../purchases/support';
import { startGateway } from '../../support/gateway-harness';
import { waitFor } from '../../support/polling';
import { send, type RequestSpec } from './traffic';
import { reportFigures } from '../../support/figures';

export const CUSTOMER_CREDIT = '100000.00';

/** A gateway on this database and sandbox, selling tariff 1, with an upstream account that never runs dry. */
export async function startFaultWorld(options: {
  databaseUrl?: string;
  sandbox?: RunningSandbox;
  env?: NodeJS.ProcessEnv;
}): Promise<PurchasesWorld> {
  const gw = await startGateway({
    databaseUrl: options.databaseUrl,
    sandbox: options.sandbox,
    env: { LOG_LEVEL: 'warn', ...options.env },
  });
  const world = { gw, sandbox: new SandboxControl(gw.sandbox), prisma: gw.app.get(PrismaService) };
  if (!options.sandbox) {
    await skipUpstreamIdsInUse(world);
    await world.sandbox.setBalance('100000000.00');
    await enableTarif(world, 1);
  }
  return world;
}

/**
 * On the embedded test database (no DATABASE_URL) every suite's sandbox numbers its purchases from 1
 * and `upstream_id` is unique: spend the ids in use on purchases of another account first.
 */
async function skipUpstreamIdsInUse({ prisma, sandbox }: PurchasesWorld): Promise<void> {
  const inUse = (await prisma.purchase.aggregate({ _max: { upstreamId: true } }))._max.upstreamId ?? 0;
  let last = 0;
  while (last < inUse) last = (await sandbox.seedPurchase({ tarif: 1, channel: 'filler', foreign: true })).id;
}

export async function fundedCustomers(world: PurchasesWorld, count: number): Promise<TestCustomer[]> {
  const customers: TestCustomer[] = [];
  for (let index = 0; index < count; index++)
    customers.push(await newCustomer(world, { balance: CUSTOMER_CREDIT }));
  return customers;
}

/** A create on a channel of its own, so that the reconciler can only ever find one candidate for it. */
export function createRequest(key: string): RequestSpec {
  const channel = `fault${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const body = { tarif: { id: 1, quantity: 100, duration: 1 }, channel };
  return { label: 'create', method: 'POST', path: '/v1/purchases/create', key, body };
}

/** Reads a reseller makes all the time: its balance and its purchases, in turn. */
export function readRequests(key: string): () => RequestSpec {
  let turn = 0;
  return () => ({ label: 'read', method: 'GET', path: turn++ % 2 ? '/v1/purchases' : '/v1/account', key });
}

export async function readiness(baseUrl: string): Promise<{ status: number | string; body: any }> {
  const answer = await send(baseUrl, { label: 'ready', method: 'GET', path: '/v1/health/ready', key: '' });
  return { status: answer.status, body: answer.body };
}

/** Waits until `/v1/health/ready` answers 200, or fails with the last report it saw. */
export async function waitUntilReady(baseUrl: string, timeoutMs = 120_000): Promise<void> {
  let last: unknown;
  const ready = async () => {
    const answer = await readiness(baseUrl);
    last = answer.body;
    return answer.status === 200;
  };
  await waitFor('readiness ok', ready, { timeoutMs }).catch((error: Error) => {
    throw new Error(`${error.message}, last report: ${JSON.stringify(last)}`);
  });
}

/** Figures for the README's fault table, printed only when asked for (SSG_RELIABILITY_FIGURES=1). */
export function printFigures(name: string, figures: unknown): void {
  if (process.env.SSG_RELIABILITY_FIGURES) reportFigures(`${name}: ${JSON.stringify(figures, null, 1)}`);
}
