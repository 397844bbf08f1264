import type { Prisma } from '@app/database';

/**
 * The caller's transaction. Ledger operations only send SQL of their own through it, so a Prisma
 * transaction (tenant-scoped or not) and a plain `pg` one (`SqlTransaction`) both work, and money
 * moves atomically with the caller's rows.
 */
export interface Tx {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<number>;
}

export interface Actor {
  type: 'key' | 'admin' | 'job';
  id?: string | null;
}

export type LedgerEntryType = 'credit' | 'debit' | 'hold' | 'capture' | 'release' | 'refund';

export const LEDGER_ENTRY_TYPES: readonly LedgerEntryType[] = [
  'credit',
  'debit',
  'hold',
  'capture',
  'release',
  'refund',
];

export interface BalanceSnapshot {
  total: Prisma.Decimal;
  held: Prisma.Decimal;
  available: Prisma.Decimal;
  creditLimit: Prisma.Decimal;
}
