import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { GatewayConfig } from '../config/gateway-config';
import { answerFor, diedBeforeCommitting, inProgress, ownClaim, type RecordRow } from './idempotency-record';
import type { CommitTx } from './idempotent-execution';

/** Keys are kept at least this long (Stripe keeps them 24 hours). */
export const IDEMPOTENCY_RETENTION_HOURS = 24;

export interface IdempotencyScope {
  customerId: string;
  /** The route, e.g. `POST /v1/purchases/create`. */
  scope: string;
  key: string;
  /** When this request claimed the key: the claim it owns, should another take the key over. */
  claimedAt?: Date;
}

export type BeginOutcome =
  | { kind: 'new'; claimedAt: Date }
  | { kind: 'replay'; status: number; body: unknown; headers: Record<string, string> }
  /** The first request committed `ref`, then died without an answer (see `resumeAfterMs`). */
  | { kind: 'resume'; ref: string };

/** Beyond the longest a request can run: its upstream call's budget wait and timeout. */
const RESUME_SLACK_MS = 5_000;

export interface StoredResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * Idempotency-Key records, one per customer, route and key. The first request claims the key with one
 * INSERT ... ON CONFLICT, so of many concurrent requests exactly one runs; the others see it running
 * (409), then, once it is complete, get its stored answer.
 */
@Injectable()
export class IdempotencyService {
  /** How long after its claim a key still in progress is taken for a request that died. */
  private readonly resumeAfterMs: number;

  constructor(
    private readonly prisma: PrismaService,
    config: GatewayConfig,
  ) {
    this.resumeAfterMs = config.streamSkill.writeTimeoutMs + config.upstreamBudget.waitMs + RESUME_SLACK_MS;
  }

  /**
   * `resumable`: the route records what it commits in the same transaction (recordCommitted), so a key
   * left in progress with nothing recorded by a request that died committed nothing: it is taken over.
   */
  async begin(input: IdempotencyScope & { requestHash: string; resumable?: boolean }): Promise<BeginOutcome> {
    // A key forgotten (abandoned) between the claim and the read is claimable again: try once more.
    for (let attempt = 0; attempt < 3; attempt++) {
      const claimedAt = await this.claim(input);
      if (claimedAt) return { kind: 'new', claimedAt };
      const record = await this.find(input);
      if (record && input.resumable && diedBeforeCommitting(record, input.requestHash)) {
        const takenOver = await this.takeOver(input, record.createdAt);
        if (takenOver) return { kind: 'new', claimedAt: takenOver };
        continue;
      }
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
        AND state = 'in_progress' AND ${ownClaim(input)}`;
  }

  /** What the running request commits (e.g. `purchase:12`), in its transaction; its answer replaces it. */
  async recordCommitted(input: IdempotencyScope & { ref: string }, tx: CommitTx): Promise<void> {
    const recorded = await tx.$executeRaw`
      UPDATE idempotency_records SET response_body = jsonb_build_object('committedRef', ${input.ref}::text)
      WHERE customer_id = ${input.customerId}::uuid AND scope = ${input.scope} AND key = ${input.key}
        AND state = 'in_progress' AND ${ownClaim(input)}`;
    // Taken over by a retry meanwhile (this request outlived the lease): it must commit nothing.
    if (recorded !== 1) throw inProgress();
  }

  /** The request failed before changing anything: forget the key so that a corrected retry can run. */
  async abandon(input: IdempotencyScope): Promise<void> {
    await this.prisma.$executeRaw`
      DELETE FROM idempotency_records
      WHERE customer_id = ${input.customerId}::uuid AND scope = ${input.scope} AND key = ${input.key}
        AND state = 'in_progress' AND ${ownClaim(input)}
        -- A commit whose acknowledgement was lost still recorded its ref: a retry must resume it.
        AND response_body IS NULL`;
  }

  /** Deletes the records whose retention has passed; returns how many. */
  deleteExpired(): Promise<number> {
    return this.prisma.$executeRaw`DELETE FROM idempotency_records WHERE expires_at <= now()`;
  }

  /** Inserts the record, or takes over an expired one; false when a live record holds the key. */
  private async claim(input: IdempotencyScope & { requestHash: string }): Promise<Date | undefined> {
    const [claimed] = await this.prisma.$queryRaw<{ createdAt: Date }[]>`
      INSERT INTO idempotency_records (customer_id, scope, key, request_hash, state, expires_at)
      VALUES (${input.customerId}::uuid, ${input.scope}, ${input.key}, ${input.requestHash}, 'in_progress',
        now() + make_interval(hours => ${IDEMPOTENCY_RETENTION_HOURS}))
      ON CONFLICT (customer_id, scope, key) DO UPDATE
      SET request_hash = EXCLUDED.request_hash, state = 'in_progress', response_status = NULL,
        response_body = NULL, response_headers = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
      WHERE idempotency_records.expires_at <= now()
      RETURNING created_at AS "createdAt"`;
    return claimed?.createdAt;
  }

  /** A new claim on a key whose request died before committing anything (see begin). */
  private async takeOver(input: IdempotencyScope & { requestHash: string }, claimedAt: Date) {
    const [claimed] = await this.prisma.$queryRaw<{ createdAt: Date }[]>`
      UPDATE idempotency_records SET created_at = now(),
        expires_at = now() + make_interval(hours => ${IDEMPOTENCY_RETENTION_HOURS})
      WHERE customer_id = ${input.customerId}::uuid AND scope = ${input.scope} AND key = ${input.key}
        AND state = 'in_progress' AND response_body IS NULL AND created_at = ${claimedAt}
      RETURNING created_at AS "createdAt"`;
    return claimed?.createdAt;
  }

  private async find(input: IdempotencyScope): Promise<RecordRow | undefined> {
    const [row] = await this.prisma.$queryRaw<RecordRow[]>`
      SELECT request_hash AS "requestHash", state, response_status AS "responseStatus",
        response_body AS "responseBody", response_headers AS "responseHeaders", created_at AS "createdAt",
        CASE WHEN state = 'in_progress' THEN response_body ->> 'committedRef' END AS "committedRef",
        created_at < now() - make_interval(secs => ${this.resumeAfterMs / 1000}::float8) AS abandoned
      FROM idempotency_records
      WHERE customer_id = ${input.customerId}::uuid AND scope = ${input.scope} AND key = ${input.key}`;
    return row;
  }
}
