import { Injectable } from '@nestjs/common';
import { Prisma } from '@app/database';
import type { LedgerEntry } from '@app/database';
import { GatewayError } from '../errors/gateway-error';
import type { Funds } from './funds';
import { SqlTransaction } from './sql-transaction';
import type { Actor, LedgerEntryType, Tx } from './ledger.types';

export interface LockedBalance extends Funds {
  customerId: string;
}

export interface Movement {
  customerId: string;
  type: LedgerEntryType;
  amount: Prisma.Decimal;
  totalDelta: Prisma.Decimal;
  heldDelta: Prisma.Decimal;
  actor: Actor;
  holdId?: bigint | null;
  purchaseId?: number | null;
  reason?: string | null;
  reference?: string | null;
}

const ENTRY_COLUMNS = Prisma.raw(`id, customer_id AS "customerId", type::text AS type, amount,
  total_delta AS "totalDelta", held_delta AS "heldDelta", total_after AS "totalAfter",
  held_after AS "heldAfter", hold_id AS "holdId", purchase_id AS "purchaseId", reason, reference,
  actor_type AS "actorType", actor_id AS "actorId", created_at AS "createdAt"`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The balance rows and the entries that explain them. Every change goes through `record` while the
 * row is locked by `lock`, so the row and the sum of the entries cannot drift apart.
 */
@Injectable()
export class BalanceBook {
  /** Locks the customer's balance row until the transaction ends, creating it first if there is none. */
  async lock(tx: Tx, customerId: string): Promise<LockedBalance> {
    if (!UUID.test(customerId)) throw customerNotFound();
    const existing = await this.selectForUpdate(tx, customerId);
    if (existing) return existing;
    await tx.$executeRaw`
      INSERT INTO balances (customer_id, updated_at)
      SELECT id, now() FROM customers WHERE id = ${customerId}::uuid
      ON CONFLICT (customer_id) DO NOTHING`;
    const created = await this.selectForUpdate(tx, customerId);
    if (!created) throw customerNotFound();
    return created;
  }

  /**
   * Locks the balance row as `lock` does, then runs `next` (e.g. `HoldBook.lockStep`): the ledger's lock
   * order. On a `SqlTransaction` both travel in one message, one round trip, and PostgreSQL runs the
   * statements of a message one after the other, in their order; on another transaction they are two
   * round trips, in the same order. Unlike `lock` it creates no missing row: the balance is then undefined.
   */
  async lockThen<R>(tx: Tx, customerId: string, next: Prisma.Sql): Promise<[LockedBalance | undefined, R[]]> {
    if (!UUID.test(customerId)) throw customerNotFound();
    const balance = this.selectForUpdateStep(customerId);
    if (tx instanceof SqlTransaction) {
      const locked = tx.queryWithNext<LockedBalance>(balance.text, balance.values);
      const rows = await tx.$queryRaw<R[]>(next);
      return [(await locked)[0], rows];
    }
    const [row] = await tx.$queryRaw<LockedBalance[]>(balance);
    return [row, await tx.$queryRaw<R[]>(next)];
  }

  /**
   * Applies one movement to the (locked) balance row and appends the entry that records it, in one
   * statement: the row stays locked for as few round trips as possible.
   */
  record(tx: Tx, movement: Movement): Promise<LedgerEntry> {
    return this.apply(tx, movement, Prisma.sql`SELECT ${movement.holdId ?? null}::bigint AS id`);
  }

  /**
   * `record` for a movement of a hold, with the hold's own change (`HoldBook.insertStep` or
   * `settleStep`, returning the hold's id) in the same statement: one round trip less. The balance
   * moves only if the hold step changed a row; otherwise no entry is written and this throws.
   */
  recordWithHold(tx: Tx, movement: Omit<Movement, 'holdId'>, holdStep: Prisma.Sql): Promise<LedgerEntry> {
    return this.apply(tx, movement, holdStep);
  }

  private async apply(tx: Tx, movement: Movement, hold: Prisma.Sql): Promise<LedgerEntry> {
    const [entry] = await tx.$queryRaw<LedgerEntry[]>`
      WITH hold AS (${hold}),
      after AS (
        UPDATE balances
        SET total = total + ${movement.totalDelta}, held = held + ${movement.heldDelta}, updated_at = now()
        WHERE customer_id = ${movement.customerId}::uuid AND EXISTS (SELECT 1 FROM hold)
        RETURNING total, held)
      INSERT INTO ledger_entries (customer_id, type, amount, total_delta, held_delta, total_after,
        held_after, hold_id, purchase_id, reason, reference, actor_type, actor_id)
      SELECT ${movement.customerId}::uuid, ${movement.type}::"LedgerEntryType", ${movement.amount},
        ${movement.totalDelta}, ${movement.heldDelta}, after.total, after.held, hold.id,
        ${movement.purchaseId ?? null}::integer, ${movement.reason ?? null}, ${movement.reference ?? null},
        ${movement.actor.type}, ${movement.actor.id ?? null}
      FROM after, hold
      RETURNING ${ENTRY_COLUMNS}`;
    if (!entry)
      throw new Error(`No entry recorded for ${movement.customerId}: balance not locked, or hold unchanged`);
    return entry;
  }

  /** What was charged for a purchase (captures and debits) minus what was refunded already. */
  async refundableFor(tx: Tx, customerId: string, purchaseId: number): Promise<Prisma.Decimal> {
    const [row] = await tx.$queryRaw<{ refundable: Prisma.Decimal }[]>`
      SELECT COALESCE(SUM(CASE WHEN type = 'refund' THEN -amount ELSE amount END), 0) AS refundable
      FROM ledger_entries
      WHERE customer_id = ${customerId}::uuid AND purchase_id = ${purchaseId}
        AND type IN ('capture', 'debit', 'refund')`;
    return row.refundable;
  }

  private async selectForUpdate(tx: Tx, customerId: string): Promise<LockedBalance | undefined> {
    const [row] = await tx.$queryRaw<LockedBalance[]>(this.selectForUpdateStep(customerId));
    return row;
  }

  private selectForUpdateStep(customerId: string): Prisma.Sql {
    return Prisma.sql`
      SELECT b.customer_id AS "customerId", b.total, b.held, c.credit_limit AS "creditLimit"
      FROM balances b JOIN customers c ON c.id = b.customer_id
      WHERE b.customer_id = ${customerId}::uuid
      FOR UPDATE OF b`;
  }
}

export function customerNotFound(): GatewayError {
  return new GatewayError(404, 'not_found_http_exception', 'Customer not found.');
}
