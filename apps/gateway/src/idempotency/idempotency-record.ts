import { Prisma } from '@app/database';
import { GatewayError } from '../errors/gateway-error';
import type { BeginOutcome, IdempotencyScope } from './idempotency.service';

/** An Idempotency-Key record as IdempotencyService reads it. */
export interface RecordRow {
  requestHash: string;
  state: 'in_progress' | 'completed';
  responseStatus: number | null;
  responseBody: unknown;
  responseHeaders: Record<string, string> | null;
  committedRef: string | null;
  createdAt: Date;
  /** Claimed longer ago than any request can run: the request that claimed it is gone. */
  abandoned: boolean;
}

/** Only this request's claim: one that took the key over after a crash is another request's. */
export function ownClaim(input: IdempotencyScope): Prisma.Sql {
  return input.claimedAt ? Prisma.sql`created_at = ${input.claimedAt}` : Prisma.sql`TRUE`;
}

export function diedBeforeCommitting(record: RecordRow, requestHash: string): boolean {
  const inProgress = record.state === 'in_progress' && record.responseBody === null;
  return inProgress && record.abandoned && record.requestHash === requestHash;
}

export function answerFor(record: RecordRow, requestHash: string): BeginOutcome {
  if (record.requestHash !== requestHash) {
    throw new GatewayError(
      422,
      'idempotency_conflict',
      'This Idempotency-Key was already used for a different request (another method, path or body). ' +
        'Send a new key for a new request.',
    );
  }
  if (record.state === 'in_progress' && record.committedRef && record.abandoned)
    return { kind: 'resume', ref: record.committedRef };
  if (record.state === 'in_progress' || record.responseStatus === null) throw inProgress();
  return {
    kind: 'replay',
    status: record.responseStatus,
    body: record.responseBody,
    headers: record.responseHeaders ?? {},
  };
}

export function inProgress(): GatewayError {
  return new GatewayError(
    409,
    'idempotency_conflict',
    'A request with this Idempotency-Key is still in progress. Retry it once that request has finished.',
    { headers: { 'Retry-After': '1' } },
  );
}
