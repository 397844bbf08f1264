import { randomUUID } from 'node:crypto';
import { Prisma, PrismaService } from '@app/database';
import type { GatewayHarness } from '../support/gateway-harness';
import { LedgerService, LEDGER_TRANSACTION_OPTIONS } from '../../apps/gateway/src/ledger/ledger.service';
import type { Tx } from '../../apps/gateway/src/ledger/ledger.types';
import { checkLedgerInvariants, sqlClientOf } from '../../apps/gateway/src/ledger/ledger-invariants';

export const money = (value: string) => new Prisma.Decimal(value);
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

/** The ledger and its database, straight from the running application. */
export function ledgerOf(gw: GatewayHarness) {
  const prisma = gw.app.get(PrismaService);
  const ledger = gw.app.get(LedgerService);
  const inTx = <T>(fn: (tx: Tx) => Promise<T>) => prisma.$transaction(fn, LEDGER_TRANSACTION_OPTIONS);
  return {
    prisma,
    ledger,
    inTx,
    credit: (customerId: string, amount: string) =>
      inTx((tx) =>
        ledger.credit(tx, { customerId, amount: money(amount), actor: ADMIN, reason: 'test top-up' }),
      ),
    invariants: (customerIds: string[]) => checkLedgerInvariants(sqlClientOf(prisma), { customerIds }),
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
