import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import type { Prisma, Purchase } from '@app/database';
import { MAX_PURCHASE_ID } from '../purchases/dto/request-params';
import { ListAdminPurchasesQuery } from './admin-purchase.dto';
import { adminPurchaseView, AdminPurchaseView } from './admin-purchase.view';

export interface AdminPurchasePage {
  items: AdminPurchaseView[];
  nextCursor: string | null;
}

/** Every customer's purchases, newest first, for admins. */
@Injectable()
export class AdminPurchasesQuery {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: ListAdminPurchasesQuery): Promise<AdminPurchasePage> {
    const limit = Number(query.limit ?? 50);
    const rows = await this.prisma.purchase.findMany({
      where: whereOf(query),
      orderBy: { id: 'desc' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: await this.views(page),
      nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
    };
  }

  async get(id: number): Promise<AdminPurchaseView | null> {
    const purchase = await this.prisma.purchase.findUnique({ where: { id } });
    return purchase ? (await this.views([purchase]))[0] : null;
  }

  private async views(purchases: readonly Purchase[]): Promise<AdminPurchaseView[]> {
    const holds = await this.prisma.hold.findMany({
      where: { purchaseId: { in: purchases.map((purchase) => purchase.id) }, state: 'open' },
      orderBy: { id: 'asc' },
    });
    return purchases.map((purchase) =>
      adminPurchaseView(
        purchase,
        holds.filter((hold) => hold.purchaseId === purchase.id),
      ),
    );
  }
}

function whereOf(query: ListAdminPurchasesQuery): Prisma.PurchaseWhereInput {
  const createdAt =
    query.createdFrom || query.createdTo
      ? {
          ...(query.createdFrom ? { gte: new Date(query.createdFrom) } : {}),
          ...(query.createdTo ? { lt: new Date(query.createdTo) } : {}),
        }
      : undefined;
  return {
    customerId: query.customerId?.toLowerCase(),
    billingState: query.billingState,
    status: query.status,
    tarifId: query.tarifId === undefined ? undefined : Number(query.tarifId),
    createdAt,
    ...(query.cursor ? { id: { lt: Math.min(Number(query.cursor), MAX_PURCHASE_ID) } } : {}),
  };
}
