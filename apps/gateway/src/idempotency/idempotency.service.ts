import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { GatewayError } from '../errors/gateway-error';

/** Keys are kept at least this long (Stripe keeps them 24 hours). */
export const IDEMPOTENCY_RETENTION_HOURS = 24;

export interface IdempotencyScope {
  customerId: string;
  /** The route, e.g. `POST /v1/purchases/create`. */
  scope: string;
  key: string;
}

export type BeginOutcome =
  { kind: 'new' } | { kind: 'replay'; status: number; body: unknown; headers: Record<string, string> };

export interface StoredResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface RecordRow {
  requestHash: string;
  state: 'in_progress' | 'completed';
  responseStatus: number | null;
  responseBody: unknown;
  responseHeaders: Record<string, string> | null;
}

/**
 * Idempotency-Key records, one per customer, route and key. The first request claims the key with one
 * INSERT ... ON CONFLICT, so of many concurrent requests exactly one runs; the others see it running
 * (409), then, once it is complete, get its stored answer.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly prisma: PrismaService) {}

  async begin(input: IdempotencyScope & { requestHash: string }): Promise<BeginOutcome> {
    // A key forgotten (abandoned) between the claim and the read is claimable again: try once more.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.claim(input)) return { kind: 'new' };
      const record = await this.find(input);
      if (record) return answerFor(record, input.requestHash);
    }
    throw inProgress();
  }

  async complete(input: IdempotencyScope & StoredResponse): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE idempotency_records
      SET state = 'completed', response_status = ${input.status},
        response_body = ${JSON.stringify(input.body ?? null)}::jsonb,
        response_headers = ${JSON.stringify(input.headers ?? {})}::jsonb
      WHERE customer_id = ${input.customerId}::uuid AND scope = ${input.scope} AND key = ${input.key}
        AND state = 'in_progress'`;
  }

  /** The request failed before changing anything: forget the key so that a corrected retry can run. */
  async abandon(input: IdempotencyScope): Promise<void> {
    await this.prisma.$executeRaw`
      DELETE FROM idempotency_records
      WHERE customer_id = ${input.customerId}::uuid AND scope = ${input.scope} AND key = ${input.key}
        AND state = 'in_progress'`;
  }

  /** Deletes the records whose retention has passed; returns how many. */
  deleteExpired(): Promise<number> {
    return this.prisma.$executeRaw`DELETE FROM idempotency_records WHERE expires_at <= now()`;
  }

  /** Inserts the record, or takes over an expired one; false when a live record holds the key. */
  private async claim(input: IdempotencyScope & { requestHash: string }): Promise<boolean> {
    const claimed = await this.prisma.$executeRaw`
      INSERT INTO idempotency_records (customer_id, scope, key, request_hash, state, expires_at)
      VALUES (${input.customerId}::uuid, ${input.scope}, ${input.key}, ${input.requestHash}, 'in_progress',
        now() + make_interval(hours => ${IDEMPOTENCY_RETENTION_HOURS}))
      ON CONFLICT (customer_id, scope, key) DO UPDATE
      SET request_hash = EXCLUDED.request_hash, state = 'in_progress', response_status = NULL,
        response_body = NULL, response_headers = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
      WHERE idempotency_records.expires_at <= now()`;
    return claimed === 1;
  }

  private async find(input: IdempotencyScope): Promise<RecordRow | undefined> {
    const [row] = await this.prisma.$queryRaw<RecordRow[]>`
      SELECT request_hash AS "requestHash", state, response_status AS "responseStatus",
        response_body AS "responseBody", response_headers AS "responseHeaders"
      FROM idempotency_records
      WHERE customer_id = ${input.customerId}::uuid AND scope = ${input.scope} AND key = ${input.key}`;
    return row;
  }
}

function answerFor(record: RecordRow, requestHash: string): BeginOutcome {
  if (record.requestHash !== requestHash) {
    throw new GatewayError(
      422,
      'idempotency_conflict',
      'This Idempotency-Key was already used for a different request (another method, path or body). ' +
        'Send a new key for a new request.',
    );
  }
  if (record.state === 'in_progress' || record.responseStatus === null) throw inProgress();
  return {
    kind: 'replay',
    status: record.responseStatus,
    body: record.responseBody,
    headers: record.responseHeaders ?? {},
  };
}

function inProgress(): GatewayError {
  return new GatewayError(
    409,
    'idempotency_conflict',
    'A request with this Idempotency-Key is still in progress. Retry it once that request has finished.',
    { headers: { 'Retry-After': '1' } },
  );
}
