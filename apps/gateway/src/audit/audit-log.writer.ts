import { Injectable } from '@nestjs/common';
import type { PoolClient, QueryResult } from 'pg';
import { PrismaService } from '@app/database';
import { auditRowHash, ChainedAuditContent, GENESIS_HASH } from './audit-chain';
import { AuditEntry } from './audit-entry';
import { storableJson, storableText } from './storable-text';
import { BEGIN_WITH_TIMEOUT } from '../ledger/sql-transaction';

// Any constant: the advisory lock that serialises appends (across instances) so each row links to the one before.
const AUDIT_CHAIN_LOCK = 0x5ada17;
const MAX_BATCH = 200;

/** The newest row of the chain: the next row links to it. */
interface ChainLink {
  seq: bigint;
  hash: string;
}

type ChainedRow = ChainedAuditContent & { hash: string };

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
  /** The chain's head as this instance last wrote it; unknown until the first append, or after a failure. */
  private head: ChainLink | undefined;
  /**
   * When other instances append too, the remembered head is often stale and the one-round-trip try
   * only adds a round trip: after each miss it is skipped for twice as many batches (up to 64).
   */
  private oneTrip = { skip: 0, backoff: 1 };

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
          if (batch.length > 1 && isDataError(error)) await this.writeOneByOne(batch);
          else batch.forEach((pending) => pending.reject(error));
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** A row the database refuses must not take the rows batched with it down too. */
  private async writeOneByOne(batch: Pending[]): Promise<void> {
    for (const pending of batch) {
      try {
        const [seq] = await this.writeBatch([pending.entry]);
        pending.resolve(seq);
      } catch (error) {
        pending.reject(error);
      }
    }
  }

  /**
   * One transaction per batch in plain `pg` on Prisma's pool: every create waits for its row. While
   * this instance is the only writer, the batch is chained to the head it wrote last and sent with the
   * lock, a check that the head has not moved, and COMMIT: one round trip. When another instance has
   * appended since (the check inserts nothing), the batch is chained again to the head read under the
   * lock, in two round trips.
   */
  private async writeBatch(entries: AuditEntry[]): Promise<bigint[]> {
    const client = await this.prisma.pool.connect();
    const escape = (text: string) => client.escapeLiteral(text);
    let failure: Error | undefined;
    try {
      const rows =
        (await this.appendToRememberedHead(client, entries, escape)) ??
        (await appendToHeadUnderLock(client, entries, escape));
      const newest = rows[rows.length - 1];
      this.head = { seq: newest.seq, hash: newest.hash };
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

  /** The one-round-trip try: undefined when it was not tried, or found the head moved (nothing written). */
  private async appendToRememberedHead(
    client: PoolClient,
    entries: AuditEntry[],
    escape: (text: string) => string,
  ): Promise<ChainedRow[] | undefined> {
    const head = this.head;
    this.head = undefined;
    if (!head || this.oneTrip.skip > 0) {
      this.oneTrip.skip = Math.max(0, this.oneTrip.skip - 1);
      return undefined;
    }
    const rows = chainRows(entries, head);
    const appended = await appendIfHeadIs(client, head, rows, escape);
    this.noteOneTrip(appended);
    return appended ? rows : undefined;
  }

  private noteOneTrip(appended: boolean): void {
    if (appended) this.oneTrip = { skip: 0, backoff: 1 };
    else this.oneTrip = { skip: this.oneTrip.backoff, backoff: Math.min(this.oneTrip.backoff * 2, 64) };
  }
}

/** SQLSTATE class 22: the data itself was refused (bad text, out of range), not the connection. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

/** Two round trips: lock and read the head (the read's snapshot follows the lock), then rows and COMMIT. */
async function appendToHeadUnderLock(
  client: PoolClient,
  entries: AuditEntry[],
  escape: (text: string) => string,
): Promise<ChainedRow[]> {
  const opened = (await client.query(OPEN_AND_READ_LAST_LINK)) as unknown as QueryResult[];
  const last = opened[opened.length - 1].rows as { last_seq: string; hash: string }[];
  const rows = chainRows(entries, {
    seq: BigInt(last[0]?.last_seq ?? 0),
    hash: last[0]?.hash ?? GENESIS_HASH,
  });
  // The simple protocol takes no parameters: the rows travel as one quoted JSON literal.
  await client.query(`${insertStatement(rows, escape)};\nCOMMIT`);
  return rows;
}

function chainRows(entries: AuditEntry[], head: ChainLink): ChainedRow[] {
  let previous = head;
  return entries.map((entry) => {
    const content = chainedContent(entry, previous.seq + 1n, previous.hash);
    const hash = auditRowHash(content);
    previous = { seq: content.seq, hash };
    return { ...content, hash };
  });
}

/**
 * Lock, insert the rows only if the newest row is still `head`, COMMIT: one message. Under the lock no
 * other append can run, and the INSERT's snapshot is taken after it, so a head that still matches is
 * the real one. Returns false (an empty transaction committed) when another writer moved the head.
 */
async function appendIfHeadIs(
  client: PoolClient,
  head: ChainLink,
  rows: ChainedRow[],
  escape: (text: string) => string,
): Promise<boolean> {
  const guarded = `${insertStatement(rows, escape)}
    WHERE COALESCE((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), ${escape(GENESIS_HASH)}) = ${escape(head.hash)}`;
  const results = (await client.query(
    `${BEGIN_WITH_TIMEOUT}; SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK});\n${guarded};\nCOMMIT`,
  )) as unknown as QueryResult[];
  return results[results.length - 2].rowCount === rows.length;
}

const OPEN_AND_READ_LAST_LINK = `${BEGIN_WITH_TIMEOUT}; SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK});
  SELECT seq::text AS last_seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`;

const COLUMNS = `seq, occurred_at, actor_type, actor_id, actor_customer_id, customer_id, action, target,
  outcome, http_status, request_id, ip, details, prev_hash, hash`;

/**
 * The rows as one JSON literal, typed by the table's own row type (json_populate_recordset): a plain
 * INSERT ... SELECT that a WHERE clause can guard. Bigints travel as strings, times as ISO strings.
 */
function insertStatement(rows: ChainedRow[], escape: (text: string) => string): string {
  const records = rows.map((row) => ({
    seq: row.seq.toString(),
    occurred_at: row.occurredAt.toISOString(),
    actor_type: row.actorType,
    actor_id: row.actorId,
    actor_customer_id: row.actorCustomerId,
    customer_id: row.customerId,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    http_status: row.httpStatus,
    request_id: row.requestId,
    ip: row.ip,
    details: row.details,
    prev_hash: row.prevHash,
    hash: row.hash,
  }));
  return `INSERT INTO audit_log (${COLUMNS})
    SELECT ${COLUMNS} FROM json_populate_recordset(NULL::audit_log, ${escape(JSON.stringify(records))})`;
}

function chainedContent(entry: AuditEntry, seq: bigint, prevHash: string): ChainedAuditContent {
  const text = (value: string | null | undefined) => (value == null ? null : storableText(value));
  return {
    seq,
    occurredAt: entry.occurredAt ?? new Date(),
    actorType: storableText(entry.actorType),
    actorId: text(entry.actorId),
    actorCustomerId: text(entry.actorCustomerId),
    customerId: text(entry.customerId),
    action: storableText(entry.action),
    target: text(entry.target),
    outcome: storableText(entry.outcome),
    httpStatus: entry.httpStatus ?? null,
    requestId: text(entry.requestId),
    ip: text(entry.ip),
    details: entry.details == null ? null : storableJson(entry.details),
    prevHash,
  };
}
