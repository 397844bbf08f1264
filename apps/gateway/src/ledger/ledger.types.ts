import type { Prisma } from '@app/database';

/**
 * The caller's transaction. Ledger operations only send SQL of their own through it, so a tenant-scoped
 * client's transaction works as well as PrismaService's, and money moves atomically with the caller's rows.
 */
export type Tx = Pick<Prisma.TransactionClient, '$queryRaw' | '$executeRaw'>;

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
