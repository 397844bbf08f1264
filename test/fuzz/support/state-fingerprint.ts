import type pg from 'pg';
import { SandboxControl } from '@app/sandbox/control/sandbox-control';

/**
 * Not business state, so left out: refused requests are audited (audit/README.md), keys' last use is
 * recorded in the background, the outbound budget's bucket moves with every upstream read, and
 * migrations are Prisma's.
 */
const IGNORED_TABLES = new Set(['audit_log', 'upstream_budget_buckets', '_prisma_migrations']);
const IGNORED_COLUMNS = new Set(['api_keys.last_used_at', 'api_keys.last_used_ip']);

/** Row count and checksum of every table a request could change, and of the sandbox's purchases. */
export class StateProbe {
  private query?: string;

  constructor(
    private readonly db: pg.Client,
    private readonly sandbox: SandboxControl,
  ) {}

  async fingerprint(): Promise<Record<string, string>> {
    this.query ??= await this.buildQuery();
    const { rows } = await this.db.query<{ name: string; count: string; sum: string | null }>(this.query);
    const fingerprint = Object.fromEntries(
      rows.map((row) => [row.name, `${row.count} rows ${row.sum ?? '-'}`]),
    );
    const state = await this.sandbox.state();
    // A purchase's status moves with time in the sandbox; what a request could change is kept.
    const purchases = state.purchases.map(({ status: _s, history: _h, ...purchase }) => purchase);
    fingerprint.sandbox = JSON.stringify({ balance: state.balance, purchases });
    return fingerprint;
  }

  /** One statement for all tables, so that a fingerprint per request stays cheap. */
  private async buildQuery(): Promise<string> {
    const { rows: columns } = await this.db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    );
    const tables = new Map<string, string[]>();
    for (const { table_name: table, column_name: column } of columns) {
      if (IGNORED_TABLES.has(table) || IGNORED_COLUMNS.has(`${table}.${column}`)) continue;
      tables.set(table, [...(tables.get(table) ?? []), `"${column}"`]);
    }
    return [...tables]
      .map(
        ([table, names]) =>
          `SELECT '${table}' AS name, count(*) AS count, md5(string_agg(r, '|' ORDER BY r)) AS sum
           FROM (SELECT ROW(${names.join(', ')})::text AS r FROM "${table}") AS t`,
      )
      .join(' UNION ALL ');
  }
}

/** The parts whose fingerprint differs, for a failure message. */
export function changedParts(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((part) => before[part] !== after[part]);
}
