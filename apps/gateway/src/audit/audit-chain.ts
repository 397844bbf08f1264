import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The content of an audit row that its hash covers (everything but the hash itself). */
export interface ChainedAuditContent {
  seq: bigint;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorCustomerId: string | null;
  customerId: string | null;
  action: string;
  target: string | null;
  outcome: string;
  httpStatus: number | null;
  requestId: string | null;
  ip: string | null;
  details: unknown;
  prevHash: string;
}

/** sha256 over a canonical JSON array: field order fixed, object keys sorted (jsonb reorders them). */
export function auditRowHash(row: ChainedAuditContent): string {
  const canonical = canonicalJson([
    row.seq.toString(),
    row.occurredAt.toISOString(),
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
    row.details ?? null,
    row.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface ChainBreak {
  seq: string;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap';
}

/** Checks rows in seq order, continuing from the previous row's hash and seq. */
export function findChainBreak(
  rows: (ChainedAuditContent & { hash: string })[],
  previous: { seq: bigint; hash: string } = { seq: 0n, hash: GENESIS_HASH },
): ChainBreak | null {
  let expectedPrev = previous.hash;
  let expectedSeq = previous.seq + 1n;
  for (const row of rows) {
    const seq = row.seq.toString();
    if (row.seq !== expectedSeq) return { seq, reason: 'sequence_gap' };
    if (row.prevHash !== expectedPrev) return { seq, reason: 'prev_hash_mismatch' };
    if (auditRowHash(row) !== row.hash) return { seq, reason: 'hash_mismatch' };
    expectedPrev = row.hash;
    expectedSeq = row.seq + 1n;
  }
  return null;
}
