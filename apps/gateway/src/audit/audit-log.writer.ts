import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import { auditRowHash, ChainedAuditContent, GENESIS_HASH } from './audit-chain';
import { AuditEntry } from './audit-entry';

// Any constant: the advisory lock that serialises appends so that each row links to the one before.
const AUDIT_CHAIN_LOCK = 0x5ada17;

/** Appends one hash-chained row; the chain order is `seq`, assigned under a transaction-level lock. */
@Injectable()
export class AuditLogWriter {
  constructor(private readonly prisma: PrismaService) {}

  async append(entry: AuditEntry): Promise<bigint> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
      const last = await tx.auditLog.findFirst({
        orderBy: { seq: 'desc' },
        select: { seq: true, hash: true },
      });
      const content: ChainedAuditContent = {
        seq: (last?.seq ?? 0n) + 1n,
        occurredAt: entry.occurredAt ?? new Date(),
        actorType: entry.actorType,
        actorId: entry.actorId ?? null,
        actorCustomerId: entry.actorCustomerId ?? null,
        customerId: entry.customerId ?? null,
        action: entry.action,
        target: entry.target ?? null,
        outcome: entry.outcome,
        httpStatus: entry.httpStatus ?? null,
        requestId: entry.requestId ?? null,
        ip: entry.ip ?? null,
        details: entry.details ?? null,
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      await tx.auditLog.create({
        data: {
          ...content,
          details: content.details === null ? Prisma.DbNull : (content.details as Prisma.InputJsonValue),
          hash: auditRowHash(content),
        },
      });
      return content.seq;
    });
  }
}
