import { randomUUID } from 'node:crypto';
import type { AuditLog } from '@app/database';
import { Reconciler } from '../../apps/gateway/src/reconciler/reconciler.job';
import { StatusSync } from '../../apps/gateway/src/status-sync/status-sync.job';
import { startPurchasesWorld, type PurchasesWorld, type TestCustomer } from '../purchases/support';

export {
  balanceOf,
  expectLedgerConsistent,
  holdsOf,
  newCustomer,
  purchaseRow,
  type PurchasesWorld,
  type TestCustomer,
} from '../purchases/support';

export const CREATE_FAULT = { method: 'POST', path: '/v1/purchases/create', times: 1 } as const;
export const PROLONG_FAULT = { method: 'POST', path: '/v1/purchases/*/prolong', times: 1 } as const;

/**
 * The gateway over the sandbox with background jobs off (tests call runOnce) and a long settle
 * deadline that tests expire on purpose. Tests age purchases rather than wait out the write timeout.
 */
export async function startReconcilerWorld(env: NodeJS.ProcessEnv = {}): Promise<PurchasesWorld> {
  const world = await startPurchasesWorld({
    STREAMSKILL_WRITE_TIMEOUT_MS: '5000',
    PURCHASE_SETTLE_DEADLINE_MS: '600000',
    ...env,
  });
  await skipUpstreamIdsInUse(world);
  return world;
}

/**
 * On the embedded database every suite's sandbox numbers its purchases from 1, so upstream ids that
 * other suites linked are taken (`upstreamId` is unique). Spends this sandbox's ids up to the largest
 * one in use, on purchases of another account that the gateway never sees.
 */
async function skipUpstreamIdsInUse({ prisma, sandbox }: PurchasesWorld): Promise<void> {
  const inUse = (await prisma.purchase.aggregate({ _max: { upstreamId: true } }))._max.upstreamId ?? 0;
  let last = 0;
  while (last < inUse) last = (await sandbox.seedPurchase({ tarif: 1, channel: 'filler', foreign: true })).id;
}

/**
 * A channel no other purchase uses: the embedded test database is shared by every suite, and a
 * leftover pending purchase with the same tariff and channel would be a rival candidate.
 */
export function uniqueChannel(): string {
  return `recon${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

export function cartFor(channel: string, tarifId = 1) {
  return { tarif: { id: tarifId, quantity: 100, duration: 1 }, channel };
}

export const reconcilerOf = ({ gw }: PurchasesWorld) => gw.app.get(Reconciler);
export const statusSyncOf = ({ gw }: PurchasesWorld) => gw.app.get(StatusSync);

/** Pretends the purchase was written long enough ago that its create call is over. */
export async function ageCreate({ prisma }: PurchasesWorld, purchaseId: number, seconds = 60): Promise<void> {
  await prisma.$executeRaw`
    UPDATE purchases SET created_at = created_at - make_interval(secs => ${seconds}) WHERE id = ${purchaseId}`;
}

export async function expireSettleDeadline({ prisma }: PurchasesWorld, purchaseId: number): Promise<void> {
  await prisma.$executeRaw`
    UPDATE purchases SET settle_deadline = now() - interval '1 second' WHERE id = ${purchaseId}`;
}

/** Pretends the open prolong hold was placed long enough ago that its prolong call is over. */
export async function ageProlong(
  { prisma }: PurchasesWorld,
  purchaseId: number,
  seconds = 30,
): Promise<void> {
  await prisma.$executeRaw`
    UPDATE holds SET created_at = created_at - make_interval(secs => ${seconds})
    WHERE purchase_id = ${purchaseId} AND purpose = 'prolong' AND state = 'open'`;
}

export async function expireProlongDeadline({ prisma }: PurchasesWorld, purchaseId: number): Promise<void> {
  await prisma.$executeRaw`
    UPDATE purchases SET prolong_deadline = now() - interval '1 second' WHERE id = ${purchaseId}`;
}

/** The purchase's rows in the audit log, oldest first. */
export function auditOf({ prisma }: PurchasesWorld, purchaseId: number): Promise<AuditLog[]> {
  return prisma.auditLog.findMany({ where: { target: String(purchaseId) }, orderBy: { seq: 'asc' } });
}

/** Buys through the gateway with a StreamSkill fault on the create call: the answer must be a 202. */
export async function pendingPurchase(
  world: PurchasesWorld,
  customer: TestCustomer,
  fault: { resetAfterRecord: true } | { resetBeforeRecord: true },
  channel = uniqueChannel(),
): Promise<number> {
  await world.sandbox.setFaults({ ...CREATE_FAULT, ...fault });
  const res = await customer.call('POST', '/v1/purchases/create', { body: cartFor(channel) });
  if (res.status !== 202) throw new Error(`expected 202, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as number;
}

/** Log lines of failed settlements about these purchases (a lost race must be a skip, never a failure). */
export function settlementFailures({ gw }: PurchasesWorld, purchaseIds: number[]): string[] {
  return gw.logs.filter((line) => {
    const entry = JSON.parse(line) as { level?: number; purchaseId?: number };
    return (entry.level ?? 0) >= 50 && purchaseIds.includes(entry.purchaseId as number);
  });
}
