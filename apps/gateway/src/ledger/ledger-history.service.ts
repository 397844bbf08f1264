import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import type { LedgerEntry, Prisma } from '@app/database';
import { TenantPrisma } from '../tenancy/tenant-prisma.service';
import { ListLedgerQuery } from './ledger.dto';

export interface LedgerPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** Ledger entries newest first, with a cursor on the entry id. */
@Injectable()
export class LedgerHistory {
  constructor(
    private readonly prisma: PrismaService,
    private readonly tenant: TenantPrisma,
  ) {}

  /** Any customer's entries (admin routes). */
  async forCustomer(customerId: string, query: ListLedgerQuery): Promise<LedgerPage<LedgerEntry>> {
    const limit = pageSize(query);
    const rows = await this.prisma.ledgerEntry.findMany({
      where: { ...filterOf(query), customerId },
      orderBy: { id: 'desc' },
      take: limit + 1,
    });
    return pageOf(rows, limit);
  }

  /** The current request's customer only: the tenant-scoped client adds the filter. */
  async forCurrentTenant(query: ListLedgerQuery): Promise<LedgerPage<LedgerEntry>> {
    const limit = pageSize(query);
    const rows = await this.tenant.client.ledgerEntry.findMany({
      where: filterOf(query),
      orderBy: { id: 'desc' },
      take: limit + 1,
    });
    return pageOf(rows, limit);
  }
}

function pageSize(query: ListLedgerQuery): number {
  return Number(query.limit ?? 50);
}

function filterOf(query: ListLedgerQuery): Prisma.LedgerEntryWhereInput {
  return {
    type: query.type,
    ...(query.cursor ? { id: { lt: BigInt(query.cursor) } } : {}),
  };
}

function pageOf(rows: LedgerEntry[], limit: number): LedgerPage<LedgerEntry> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id.toString() : null };
}
