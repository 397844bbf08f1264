import { randomUUID } from 'node:crypto';
import { EMBEDDED_DATABASE_SETTINGS, PrismaService } from '@app/database';
import type { Purchase } from '@app/database';
import { SandboxControl } from '@app/sandbox/control/sandbox-control';
import { checkLedgerInvariants, sqlClientOf } from '../../apps/gateway/src/ledger/ledger-invariants';
import {
  startGateway,
  type CallOptions,
  type GatewayHarness,
  type HttpAnswer,
} from '../support/gateway-harness';
import { validateUpstreamResponse } from '../support/openapi-contract';

/** A cart of tariff 1 (standard, 5.00 per 100 per day upstream). */
export const CART = { tarif: { id: 1, quantity: 100, duration: 1 }, channel: 'twitch' };

export interface PurchasesWorld {
  gw: GatewayHarness;
  sandbox: SandboxControl;
  prisma: PrismaService;
}

/** The embedded test database's settings win over what a suite asks for (see the harness). */
const EMBEDDED_POOL = process.env.SSG_TEST_SHARED_DB_URL ? EMBEDDED_DATABASE_SETTINGS : {};

/** Purchases suites test billing, not the outbound budget (the sandbox's own rate limit is off too). */
export const UNLIMITED_UPSTREAM_BUDGET: NodeJS.ProcessEnv = {
  UPSTREAM_BUDGET_BURST: '9999',
  UPSTREAM_BUDGET_PER_SECOND: '9999',
  UPSTREAM_BUDGET_PER_CUSTOMER_BURST: '9999',
  UPSTREAM_BUDGET_PER_CUSTOMER_PER_SECOND: '9999',
};

/** The gateway over the sandbox; background jobs off, so pending purchases stay as the test left them. */
export async function startPurchasesWorld(env: NodeJS.ProcessEnv = {}): Promise<PurchasesWorld> {
  const gw = await startGateway({
    env: {
      BACKGROUND_JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      ...UNLIMITED_UPSTREAM_BUDGET,
      ...env,
      ...EMBEDDED_POOL,
    },
  });
  const world = { gw, sandbox: new SandboxControl(gw.sandbox), prisma: gw.app.get(PrismaService) };
  await skipUsedUpstreamIds(world);
  for (const tarifId of [1, 2, 3, 4, 5, 6]) await enableTarif(world, tarifId);
  return world;
}

/**
 * Every sandbox numbers its purchases from 1, while the embedded test database is shared by every
 * suite and `upstream_id` is unique: move this sandbox past the ids earlier suites stored (ids are
 * never reused, even after a reset), as a real account's ids would be.
 */
async function skipUsedUpstreamIds({ prisma, sandbox }: PurchasesWorld): Promise<void> {
  const { _max } = await prisma.purchase.aggregate({ _max: { upstreamId: true } });
  for (let id = 1; id <= (_max.upstreamId ?? 0); id++) {
    await sandbox.seedPurchase({ tarif: 1, channel: 'skipped', foreign: true });
  }
  await sandbox.reset();
}

export async function enableTarif({ gw }: PurchasesWorld, tarifId: number): Promise<void> {
  const res = await gw.call('PUT', `/v1/admin/tarifs/${tarifId}`, {
    key: gw.adminKey,
    body: { enabled: true },
  });
  if (res.status !== 200)
    throw new Error(`enable tarif ${tarifId}: ${res.status} ${JSON.stringify(res.body)}`);
}

export interface TestCustomer {
  id: string;
  key: string;
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<HttpAnswer<T>>;
}

/** A customer of this suite only, with a key, a markup and a credited balance. */
export async function newCustomer(
  { gw }: PurchasesWorld,
  { balance = '1000.00', markupPercent = '10.00', creditLimit = '0.00' } = {},
): Promise<TestCustomer> {
  const created = await gw.call('POST', '/v1/admin/customers', {
    key: gw.adminKey,
    body: { name: `purchases-${randomUUID()}`, markupPercent, creditLimit },
  });
  if (created.status !== 201)
    throw new Error(`create customer: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const issued = await gw.call('POST', `/v1/admin/customers/${id}/keys`, {
    key: gw.adminKey,
    body: { name: 'k' },
  });
  if (issued.status !== 201) throw new Error(`issue key: ${issued.status}`);
  if (balance !== '0.00') {
    const credit = await gw.call('POST', `/v1/admin/customers/${id}/ledger`, {
      key: gw.adminKey,
      body: { type: 'credit', amount: balance, reason: 'test top-up' },
    });
    if (credit.status !== 201) throw new Error(`credit: ${credit.status} ${JSON.stringify(credit.body)}`);
  }
  const key = issued.body.key as string;
  return { id, key, call: (method, path, options = {}) => gw.call(method, path, { key, ...options }) };
}

export async function balanceOf({ prisma }: PurchasesWorld, customerId: string) {
  const row = await prisma.balance.findUnique({ where: { customerId } });
  return { total: row?.total.toFixed(2) ?? '0.00', held: row?.held.toFixed(2) ?? '0.00' };
}

export function purchaseRow({ prisma }: PurchasesWorld, id: number): Promise<Purchase> {
  return prisma.purchase.findUniqueOrThrow({ where: { id } });
}

export async function holdsOf({ prisma }: PurchasesWorld, purchaseId: number) {
  return prisma.hold.findMany({ where: { purchaseId }, orderBy: { id: 'asc' } });
}

export async function expectLedgerConsistent(
  { prisma }: PurchasesWorld,
  customerIds: string[],
): Promise<void> {
  const report = await checkLedgerInvariants(sqlClientOf(prisma), { customerIds });
  expect(report.violations).toEqual([]);
}

/** The answer must be one an unmodified StreamSkill client accepts (a 202 is checked as the 200 it stands for). */
export function expectCompatible(method: string, path: string, answer: HttpAnswer): void {
  const status = answer.status === 202 ? 200 : answer.status;
  expect(validateUpstreamResponse(method, path, status, answer.body)).toEqual([]);
}

/** Booting a gateway and enabling the catalog can be slow on a loaded machine. */
export const BOOT_TIMEOUT_MS = 120_000;

export { sleep } from '../support/polling';
