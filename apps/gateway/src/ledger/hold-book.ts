import { Injectable } from '@nestjs/common';
import { Prisma } from '@app/database';
import { GatewayError } from '../errors/gateway-error';
import type { Tx } from './ledger.types';

export type HoldState = 'open' | 'captured' | 'released';

export interface HoldRow {
  id: bigint;
  customerId: string;
  purchaseId: number | null;
  amount: Prisma.Decimal;
  state: HoldState;
  capturedAmount: Prisma.Decimal | null;
}

export interface NewHold {
  customerId: string;
  purchaseId?: number | null;
  purpose: 'create' | 'prolong';
  amount: Prisma.Decimal;
}

/** Holds are settled exactly once: only an open hold, locked under its customer's balance, changes state. */
@Injectable()
export class HoldBook {
  /** The INSERT of a new hold, for `BalanceBook.recordWithHold`: returns the hold's id. */
  insertStep(hold: NewHold): Prisma.Sql {
    return Prisma.sql`
      INSERT INTO holds (customer_id, purchase_id, purpose, amount)
      VALUES (${hold.customerId}::uuid, ${hold.purchaseId ?? null}::integer, ${hold.purpose}, ${hold.amount})
      RETURNING id`;
  }

  /** The owner of a hold, read without a lock: the caller locks the balance first, then the hold. */
  async customerOf(tx: Tx, holdId: bigint): Promise<string> {
    const [row] = await tx.$queryRaw<{ customerId: string }[]>`
      SELECT customer_id AS "customerId" FROM holds WHERE id = ${holdId}`;
    if (!row) throw new HoldNotFoundError(holdId);
    return row.customerId;
  }

  /** Locks the hold, for `BalanceBook.lockThen` (after its owner's balance row); returns it, or nothing. */
  lockStep(holdId: bigint): Prisma.Sql {
    return Prisma.sql`
      SELECT id, customer_id AS "customerId", purchase_id AS "purchaseId", amount, state::text AS state,
        captured_amount AS "capturedAmount"
      FROM holds WHERE id = ${holdId} FOR UPDATE`;
  }

  /** The row `lockStep` returned, refused when missing, settled before, or not `customerId`'s. */
  openOf(row: HoldRow | undefined, holdId: bigint, customerId: string): HoldRow {
    // The balance locked first must be the hold's owner's, or the money would move on the wrong row.
    if (!row || row.customerId !== customerId) throw new HoldNotFoundError(holdId);
    if (row.state !== 'open') throw new HoldAlreadySettledError(row);
    return row;
  }

  /** Settles an open hold, for `BalanceBook.recordWithHold`: returns its id, or nothing if it was not open. */
  settleStep(holdId: bigint, state: 'captured' | 'released', captured: Prisma.Decimal | null): Prisma.Sql {
    return Prisma.sql`
      UPDATE holds SET state = ${state}::"HoldState", captured_amount = ${captured}::numeric, settled_at = now()
      WHERE id = ${holdId} AND state = 'open'
      RETURNING id`;
  }
}

export class HoldNotFoundError extends GatewayError {
  constructor(readonly holdId: bigint) {
    super(404, 'not_found_http_exception', `Hold ${holdId} not found.`);
  }
}

/**
 * A second capture or release of one hold. Thrown (rather than ignored) so that the caller learns that
 * someone else settled it first, e.g. the reconciler released it while a late capture was arriving.
 */
export class HoldAlreadySettledError extends GatewayError {
  readonly holdId: bigint;
  readonly state: HoldState;
  readonly capturedAmount: Prisma.Decimal | null;

  constructor(hold: HoldRow) {
    super(409, 'hold_already_settled', `Hold ${hold.id} was already ${hold.state}.`);
    this.holdId = hold.id;
    this.state = hold.state;
    this.capturedAmount = hold.capturedAmount;
  }
}
