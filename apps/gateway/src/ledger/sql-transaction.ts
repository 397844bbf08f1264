import pg from 'pg';
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import { Prisma } from '@app/database';
import type { Tx } from './ledger.types';
import { withLiterals } from './sql-literals';

const NUMERIC = 1700;
const INT8 = 20;
const TIMESTAMP = 1114;

/**
 * Opens every transaction. The timeout stands in for the 30 s limit of Prisma's interactive
 * transactions: a statement stuck behind a lock that a frozen peer holds fails instead of holding up
 * every later money operation of the customer.
 */
export const BEGIN_WITH_TIMEOUT = "BEGIN; SET LOCAL statement_timeout = '30s'";

/**
 * Results typed as Prisma's raw queries type them, so that ledger code reads the same values on
 * either client: numeric as Decimal, bigint as BigInt, timestamp without time zone as UTC.
 */
const PRISMA_LIKE_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === NUMERIC) return (value: string) => new Prisma.Decimal(value);
    if (oid === INT8) return (value: string) => BigInt(value);
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(' ', 'T')}Z`);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** A tagged template or a ready Prisma.Sql, as the ledger's `Tx` takes them. */
function toSql(query: TemplateStringsArray | Prisma.Sql, values: unknown[]): Prisma.Sql {
  return query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
}

/** Decimals would otherwise be sent as JSON strings; everything else pg converts itself. */
function parameter(value: unknown): unknown {
  return Prisma.Decimal.isDecimal(value) ? value.toString() : value;
}

/** Where a statement sent with the next one goes in that message: it runs before it, or after it. */
export type Place = 'before' | 'after';

interface WaitingStatement {
  statement: string;
  place: Place;
  resolve: (result: QueryResult) => void;
  reject: (error: Error) => void;
}

/**
 * A transaction on one pooled `pg` client, speaking the ledger's `Tx`: the same tagged SQL as through
 * Prisma, at a fraction of its CPU per statement (bench/README.md). Opened by `SqlTransactions`.
 * Every message is a round trip, and on a busy host each costs more than the SQL it carries: BEGIN
 * travels with the first statement, `queryWithNext` statements with the one after them, and
 * `queryAndCommit` sends COMMIT with the last one.
 */
export class SqlTransaction implements Tx {
  /** BEGIN was sent; COMMIT was sent. */
  begun = false;
  committed = false;
  /** Rolled back or committed: nothing more may be sent on the client, which goes back to the pool. */
  private ended = false;
  private waiting: WaitingStatement[] = [];

  constructor(private readonly client: PoolClient) {}

  async $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T> {
    const sql = toSql(query, values);
    return (await this.send(sql.text, sql.values)).rows as T;
  }

  async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number> {
    const sql = toSql(query, values);
    return (await this.send(sql.text, sql.values)).rowCount ?? 0;
  }

  /** A statement of the caller's own, `$1`-style, with the same result types as the ledger's. */
  async query<R extends QueryResultRow>(text: string, values: readonly unknown[]): Promise<R[]> {
    return (await this.send<R>(text, values)).rows;
  }

  /**
   * Sends nothing yet: the statement travels with the next one sent on this transaction, in the same
   * message, where PostgreSQL runs it just before or just after that one (`place`); the promise
   * settles when the message is answered. For statements that do not need each other's results. If
   * the message fails, all of its statements reject and the transaction rolls back; one still waiting
   * when the transaction ends is never sent.
   */
  queryWithNext<R extends QueryResultRow>(
    text: string,
    values: readonly unknown[],
    place: Place = 'before',
  ): Promise<R[]> {
    return this.sendWithNext(text, values, place, (result) => result.rows as R[]);
  }

  /** This transaction as a `Tx` whose statements are sent as `queryWithNext` sends them. */
  withNext(place: Place = 'before') {
    return {
      $queryRaw: <T = unknown>(
        query: TemplateStringsArray | Prisma.Sql,
        ...values: unknown[]
      ): Promise<T> => {
        const sql = toSql(query, values);
        return this.sendWithNext(sql.text, sql.values, place, (result) => result.rows as T);
      },
      $executeRaw: (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number> => {
        const sql = toSql(query, values);
        return this.sendWithNext(sql.text, sql.values, place, (result) => result.rowCount ?? 0);
      },
    } satisfies Tx;
  }

  /** The transaction's last statement, and COMMIT in the same round trip. */
  async queryAndCommit<R extends QueryResultRow>(text: string, values: readonly unknown[]): Promise<R[]> {
    // Their results are for the caller to check before the transaction may commit.
    this.assertNothingWaiting();
    const statement = this.literal(text, values);
    const opening = this.begun ? [] : [BEGIN_WITH_TIMEOUT];
    // Set before sending: if the statement fails, the transaction is open (aborted) and must be rolled back.
    this.begun = true;
    const results = await this.many<R>([...opening, statement, 'COMMIT']);
    this.committed = true;
    return results[results.length - 2].rows;
  }

  async commit(): Promise<void> {
    this.assertNothingWaiting();
    if (!this.begun || this.committed) return;
    this.assertOpen();
    const result = await this.client.query('COMMIT');
    this.committed = true;
    // A transaction aborted by a statement whose error the caller swallowed ends in ROLLBACK, silently.
    if (result.command !== 'COMMIT') throw new Error(`The transaction was rolled back (${result.command})`);
  }

  /** Called by `SqlTransactions` before the work's result may be committed. */
  assertNothingWaiting(): void {
    if (this.waiting.length > 0)
      throw new Error(`${this.waiting.length} statement(s) sent with a next statement that never came`);
  }

  /** From now on nothing is sent: the client is about to be rolled back, or handed back to the pool. */
  end(): void {
    this.ended = true;
    const unsent = this.waiting;
    this.waiting = [];
    for (const { reject } of unsent)
      reject(new Error('The transaction ended before this statement was sent'));
  }

  private async send<R extends QueryResultRow>(
    text: string,
    values: readonly unknown[],
  ): Promise<QueryResult<R>> {
    this.assertOpen();
    if (this.begun && this.waiting.length === 0) {
      return this.client.query<R>({ text, values: values.map(parameter), types: PRISMA_LIKE_TYPES });
    }
    const statement = this.literal(text, values);
    const opening = this.begun ? [] : [BEGIN_WITH_TIMEOUT];
    const waiting = this.waiting;
    this.waiting = [];
    // Set before sending: if a statement fails, the transaction is open (aborted) and must be rolled back.
    this.begun = true;
    const before = waiting.filter((w) => w.place === 'before');
    const after = waiting.filter((w) => w.place === 'after');
    let results: QueryResult<R>[];
    try {
      results = await this.many<R>([
        ...opening,
        ...before.map((w) => w.statement),
        statement,
        ...after.map((w) => w.statement),
      ]);
    } catch (error) {
      for (const { reject } of waiting) reject(error as Error);
      throw error;
    }
    const own = results.length - 1 - after.length;
    before.forEach(({ resolve }, index) => resolve(results[own - before.length + index]));
    after.forEach(({ resolve }, index) => resolve(results[own + 1 + index]));
    return results[own];
  }

  private sendWithNext<T>(
    text: string,
    values: readonly unknown[],
    place: Place,
    pick: (result: QueryResult) => T,
  ): Promise<T> {
    this.assertOpen();
    const statement = this.literal(text, values);
    const answer = new Promise<T>((resolve, reject) => {
      this.waiting.push({ statement, place, resolve: (result) => resolve(pick(result)), reject });
    });
    // Handled here, so that a caller that fails before awaiting it is no unhandled rejection.
    answer.catch(() => undefined);
    return answer;
  }

  private literal(text: string, values: readonly unknown[]): string {
    return withLiterals(text, values, (value) => this.client.escapeLiteral(value));
  }

  private assertOpen(): void {
    if (this.ended) throw new Error("The transaction has ended; its client is no longer this one's");
  }

  private async many<R extends QueryResultRow>(statements: string[]): Promise<QueryResult<R>[]> {
    this.assertOpen();
    const results = await this.client.query({ text: statements.join(';\n'), types: PRISMA_LIKE_TYPES });
    return results as unknown as QueryResult<R>[];
  }
}
