import { Injectable } from '@nestjs/common';
import type { QueryResult } from 'pg';
import { PrismaService } from '@app/database';
import { withLiterals } from '../ledger/sql-literals';
import { auditRowHash, ChainedAuditContent, GENESIS_HASH } from './audit-chain';
import { AuditEntry } from './audit-entry';
import { BEGIN_WITH_TIMEOUT } from '../ledger/sql-transaction';

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

  /**
   * One transaction per batch in plain `pg` on Prisma's pool: every create waits for its row, and
   * Prisma's interactive transaction cost several times the CPU of these two round trips.
   */
  private async writeBatch(entries: AuditEntry[]): Promise<bigint[]> {
    const client = await this.prisma.pool.connect();
    let failure: Error | undefined;
    try {
      // One round trip: the statements run in order, and the last one's snapshot is taken after the lock.
      const opened = (await client.query(OPEN_AND_READ_LAST_LINK)) as unknown as QueryResult[];
      const last = opened[opened.length - 1].rows as { last_seq: string; hash: string }[];
      let previous = { seq: BigInt(last[0]?.last_seq ?? 0), hash: last[0]?.hash ?? GENESIS_HASH };
      const rows = entries.map((entry) => {
        const content = chainedContent(entry, previous.seq + 1n, previous.hash);
        const hash = auditRowHash(content);
        previous = { seq: content.seq, hash };
        return { ...content, hash };
      });
      // The rows and COMMIT in one round trip: the simple protocol takes no parameters, so literals.
      await client.query(`${insertStatement(rows, (text) => client.escapeLiteral(text))};\nCOMMIT`);
      return rows.map((row) => row.seq);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      await client.query('ROLLBACK').then(
        () => (failure = undefined),
        () => undefined,
      );
      throw error;
    } finally {
      // Released with the error only when the rollback failed too: the client is then dropped.
      client.release(failure);
    }
  }
}

const OPEN_AND_READ_LAST_LINK = `${BEGIN_WITH_TIMEOUT}; SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK});
  SELECT seq::text AS last_seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`;

const COLUMNS = `seq, occurred_at, actor_type, actor_id, actor_customer_id, customer_id, action, target,
  outcome, http_status, request_id, ip, details, prev_hash, hash`;

function insertStatement(rows: (ChainedAuditContent & { hash: string })[], escape: (text: string) => string) {
  const values = rows.flatMap((row) => [
    row.seq,
    row.occurredAt,
    row.actorType,
    row.actorId,
    row.actorCustomerId,
    row.customerId,
    row.action,
    row.target,
    row.outcome,
    row.httpStatus,
    row.requestId,
    row.ip,
    row.details,
    row.prevHash,
    row.hash,
  ]);
  const tuples = rows.map(
    (_, r) => `(${Array.from({ length: 15 }, (_, c) => `$${r * 15 + c + 1}`).join(', ')})`,
  );
  return withLiterals(`INSERT INTO audit_log (${COLUMNS}) VALUES ${tuples.join(',\n')}`, values, escape);
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
