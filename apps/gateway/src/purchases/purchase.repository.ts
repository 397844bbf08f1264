import { Injectable } from '@nestjs/common';
import type { Prisma, Purchase } from '@app/database';
import { TenantPrisma } from '../tenancy/tenant-prisma.service';
import { TenantSql } from '../tenancy/tenant-sql';
import { MAX_PURCHASE_ID, purchaseNotFound } from './dto/request-params';
import { toPurchase, VISIBLE_PURCHASES_BY_ID, type PurchaseRow } from './purchase-row';
import { UNCOMPLETED_PURCHASE, VISIBLE_PURCHASE } from './view/purchase-display';

const NEWEST_FIRST = { id: 'desc' } as const;

/**
 * The current customer's purchases, through the tenant-scoped client: another customer's purchase is
 * not found, exactly like one that does not exist.
 */
@Injectable()
export class PurchaseRepository {
  constructor(
    private readonly tenant: TenantPrisma,
    private readonly sql: TenantSql,
  ) {}

  async findVisible(id: number): Promise<Purchase | null> {
    if (!Number.isInteger(id) || id < 1 || id > MAX_PURCHASE_ID) return null;
    const row = await this.sql.rowById<PurchaseRow>(VISIBLE_PURCHASES_BY_ID, id);
    return row ? toPurchase(row) : null;
  }

  async getVisible(id: number): Promise<Purchase> {
    const purchase = await this.findVisible(id);
    if (!purchase) throw purchaseNotFound();
    return purchase;
  }

  async listVisible(filter: Prisma.PurchaseWhereInput = {}): Promise<Purchase[]> {
    return this.tenant.client.purchase.findMany({
      where: { AND: [VISIBLE_PURCHASE, filter] },
      orderBy: NEWEST_FIRST,
    });
  }

  listUncompleted(): Promise<Purchase[]> {
    return this.listVisible(UNCOMPLETED_PURCHASE);
  }

  /** The visible purchases among `ids`, in no particular order. */
  async findManyVisible(ids: readonly number[]): Promise<Purchase[]> {
    const storable = ids.filter((id) => id <= MAX_PURCHASE_ID);
    if (storable.length === 0) return [];
    return this.tenant.client.purchase.findMany({ where: { id: { in: storable }, ...VISIBLE_PURCHASE } });
  }
}
