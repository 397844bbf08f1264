import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import { auditRowHash, ChainedAuditContent, GENESIS_HASH } from './audit-chain';
import { AuditEntry } from './audit-entry';

// Any constant: the advisory lock that serialises appends (across instances) so each row links to the one before.
const AUDIT_CHAIN_LOCK = 0x5ada17;
const MAX_BATCH = 200;

interface Pending {
  entry: AuditEntry;
  resolve(seq: bigint): void;
  reject(error: unknown): void;
}

/**
 * Appends hash-chained rows. Appends queue in memory and are written in batches, one transaction at a
 * time per instance: the chain needs a global order anyway, and batching keeps a burst of requests
 * from each holding a database connection while it waits for the chain lock.
 */
@Injectable()
export class AuditLogWriter {
  private queue: Pending[] = [];
  private writing = false;

  constructor(private readonly prisma: PrismaService) {}

  append(entry: AuditEntry): Promise<bigint> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const seqs = await this.writeBatch(batch.map((pending) => pending.entry));
          batch.forEach((pending, i) => pending.resolve(seqs[i]));
        } catch (error) {
          batch.forEach((pending) => pending.reject(error));
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private writeBatch(entries: AuditEntry[]): Promise<bigint[]> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
        const last = await tx.auditLog.findFirst({
          orderBy: { seq: 'desc' },
          select: { seq: true, hash: true },
        });
        let previous = { seq: last?.seq ?? 0n, hash: last?.hash ?? GENESIS_HASH };
        const rows = entries.map((entry) => {
          const content = chainedContent(entry, previous.seq + 1n, previous.hash);
          const hash = auditRowHash(content);
          previous = { seq: content.seq, hash };
          return {
            ...content,
            details: content.details === null ? Prisma.DbNull : (content.details as Prisma.InputJsonValue),
            hash,
          };
        });
        await tx.auditLog.createMany({ data: rows });
        return rows.map((row) => row.seq);
      },
      { maxWait: 10_000, timeout: 20_000 },
    );
  }
}

function chainedContent(entry: AuditEntry, seq: bigint, prevHash: string): ChainedAuditContent {
  return {
    seq,
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
    prevHash,
  };
}
