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

/** Decimals would otherwise be sent as JSON strings; everything else pg converts itself. */
function parameter(value: unknown): unknown {
  return Prisma.Decimal.isDecimal(value) ? value.toString() : value;
}

/**
 * A transaction on one pooled `pg` client, speaking the ledger's `Tx`: the same tagged SQL as through
 * Prisma, at a fraction of its CPU per statement (bench/README.md). Opened by `SqlTransactions`.
 * Every statement is a round trip, and on a busy host each costs more than the SQL it carries: BEGIN
 * travels with the first statement, and `queryAndCommit` sends COMMIT with the last one.
 */
export class SqlTransaction implements Tx {
  /** BEGIN was sent; COMMIT was sent. */
  begun = false;
  committed = false;

  constructor(private readonly client: PoolClient) {}

  async $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T> {
    const sql = query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
    return (await this.send(sql.text, sql.values)).rows as T;
  }

  async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number> {
    const sql = query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
    return (await this.send(sql.text, sql.values)).rowCount ?? 0;
  }

  /** A statement of the caller's own, `$1`-style, with the same result types as the ledger's. */
  async query<R extends QueryResultRow>(text: string, values: readonly unknown[]): Promise<R[]> {
    return (await this.send<R>(text, values)).rows;
  }

  /** The transaction's last statement, and COMMIT in the same round trip. */
  async queryAndCommit<R extends QueryResultRow>(text: string, values: readonly unknown[]): Promise<R[]> {
    const statement = withLiterals(text, values, (value) => this.client.escapeLiteral(value));
    const opening = this.begun ? [] : [BEGIN_WITH_TIMEOUT];
    // Set before sending: if the statement fails, the transaction is open (aborted) and must be rolled back.
    this.begun = true;
    const results = await this.many<R>([...opening, statement, 'COMMIT']);
    this.committed = true;
    return results[results.length - 2].rows;
  }

  async commit(): Promise<void> {
    if (!this.begun || this.committed) return;
    const result = await this.client.query('COMMIT');
    this.committed = true;
    // A transaction aborted by a statement whose error the caller swallowed ends in ROLLBACK, silently.
    if (result.command !== 'COMMIT') throw new Error(`The transaction was rolled back (${result.command})`);
  }

  private async send<R extends QueryResultRow>(text: string, values: readonly unknown[]) {
    if (!this.begun) {
      const statement = withLiterals(text, values, (value) => this.client.escapeLiteral(value));
      this.begun = true;
      const results = await this.many<R>([BEGIN_WITH_TIMEOUT, statement]);
      return results[results.length - 1];
    }
    return this.client.query<R>({
      text,
      values: values.map(parameter),
      types: PRISMA_LIKE_TYPES,
    });
  }

  private async many<R extends QueryResultRow>(statements: string[]): Promise<QueryResult<R>[]> {
    const results = await this.client.query({ text: statements.join(';\n'), types: PRISMA_LIKE_TYPES });
    return results as unknown as QueryResult<R>[];
  }
}
