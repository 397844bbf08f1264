import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { poolConfigFromUrl, Prisma } from '@app/database';
import { PrismaClient } from '@app/database/generated/prisma/client';
import { GatewayHarness, startGateway } from '../support/gateway-harness';
import { LedgerService } from '../../apps/gateway/src/ledger/ledger.service';
import type { Tx } from '../../apps/gateway/src/ledger/ledger.types';
import { checkLedgerInvariants, sqlClientOf } from '../../apps/gateway/src/ledger/ledger-invariants';

export const money = (value: string) => new Prisma.Decimal(value);

/**
 * Without PostgreSQL the suites share one embedded database (PGlite behind pglite-socket), which runs one
 * transaction at a time and interleaves the protocol messages of concurrent connections around one
 * ("portal \"\" does not exist"): there, every client gets a single connection, which changes nothing
 * to what the tests prove since the database serializes transactions anyway.
 */
export const EMBEDDED_DATABASE = Boolean(process.env.SSG_TEST_SHARED_DB_URL);

export function startLedgerGateway(): Promise<GatewayHarness> {
  return startGateway({ env: EMBEDDED_DATABASE ? { DATABASE_POOL_SIZE: '1' } : {} });
}
export const ADMIN = { type: 'admin' as const, id: null };

/** A customer of this suite only (the embedded test database is shared by every suite). */
export async function createCustomer(gw: GatewayHarness, creditLimit = '0.00'): Promise<string> {
  const res = await gw.call('POST', '/v1/admin/customers', {
    key: gw.adminKey,
    body: { name: `ledger-${randomUUID()}`, creditLimit },
  });
  if (res.status !== 201) throw new Error(`create customer: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function customerKey(gw: GatewayHarness, customerId: string): Promise<string> {
  const res = await gw.call('POST', `/v1/admin/customers/${customerId}/keys`, {
    key: gw.adminKey,
    body: { name: 'ledger test' },
  });
  if (res.status !== 201) throw new Error(`issue key: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.key;
}

/**
 * The application's LedgerService over a client of the test's own. Its pool waits patiently for a
 * connection: a hundred transactions queueing on one locked balance row take longer than the
 * application pool's 5 s connection timeout on a busy machine.
 */
export function ledgerOf(gw: GatewayHarness) {
  const pool = poolConfigFromUrl(gw.databaseUrl, {
    max: EMBEDDED_DATABASE ? 1 : 10,
    connectionTimeoutMillis: 120_000,
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const ledger = gw.app.get(LedgerService);
  const inTx = <T>(fn: (tx: Tx) => Promise<T>) =>
    prisma.$transaction(fn, { maxWait: 120_000, timeout: 120_000 });
  return {
    prisma,
    ledger,
    inTx,
    credit: (customerId: string, amount: string) =>
      inTx((tx) =>
        ledger.credit(tx, { customerId, amount: money(amount), actor: ADMIN, reason: 'test top-up' }),
      ),
    invariants: (customerIds: string[]) => checkLedgerInvariants(sqlClientOf(prisma), { customerIds }),
    close: () => prisma.$disconnect(),
  };
}

/** Settles every promise and splits them into values and errors. */
export async function settle<T>(promises: Promise<T>[]): Promise<{ values: T[]; errors: unknown[] }> {
  const results = await Promise.allSettled(promises);
  return {
    values: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    errors: results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])),
  };
}
