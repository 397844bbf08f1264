import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import type { AuditLog } from '@app/database';
import { AuditQuery } from './audit.dto';

export interface AuditRowView extends Omit<AuditLog, 'seq' | 'occurredAt'> {
  seq: string;
  occurredAt: string;
}

/** The audit log, newest first, filtered, with a cursor on `seq`. */
@Injectable()
export class AuditQueryService {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: AuditQuery): Promise<{ items: AuditRowView[]; nextCursor: string | null }> {
    const limit = Number(query.limit ?? 50);
    const rows = await this.prisma.auditLog.findMany({
      where: {
        actorId: query.actorId,
        actorType: query.actorType,
        action: query.action,
        outcome: query.outcome,
        ...(query.customerId
          ? { OR: [{ customerId: query.customerId }, { actorCustomerId: query.customerId }] }
          : {}),
        occurredAt: {
          gte: query.from ? new Date(query.from) : undefined,
          lte: query.to ? new Date(query.to) : undefined,
        },
        ...(query.cursor ? { seq: { lt: BigInt(query.cursor) } } : {}),
      },
      orderBy: { seq: 'desc' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit).map((row) => ({
      ...row,
      seq: row.seq.toString(),
      occurredAt: row.occurredAt.toISOString(),
    }));
    return { items: page, nextCursor: rows.length > limit ? page[page.length - 1].seq : null };
  }
}
