import { InvariantCheck, LEDGER_CHECKS } from './ledger-invariant-checks';
import { PURCHASE_CHECKS, SETTLED_CHECKS } from './purchase-invariant-checks';

/** Anything that runs SQL with $1 parameters: a pg Pool or Client, or `sqlClientOf(prisma)`. */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, string | null>[] }>;
}

export interface InvariantViolation {
  check: string;
  customerId: string | null;
  detail: string;
}

export interface InvariantReport {
  ok: boolean;
  checks: { name: string; rule: string; violations: number }[];
  violations: InvariantViolation[];
}

export interface CheckOptions {
  /** Only these customers (a test on a database that other suites share); all of them by default. */
  customerIds?: string[];
  /** Also purchases against the ledger (purchase-invariant-checks.ts). */
  purchases?: boolean;
  /** Also "everything is settled": only true once the reconciler has run with nothing in flight. */
  settled?: boolean;
  /** More checks, e.g. upstream reconciliation. */
  extraChecks?: InvariantCheck[];
}

/** Runs every check and lists what breaks; it changes nothing. */
export async function checkLedgerInvariants(
  db: SqlClient,
  options: CheckOptions = {},
): Promise<InvariantReport> {
  const checks = [
    ...LEDGER_CHECKS,
    ...(options.purchases ? PURCHASE_CHECKS : []),
    ...(options.settled ? SETTLED_CHECKS : []),
    ...(options.extraChecks ?? []),
  ];
  const report: InvariantReport = { ok: true, checks: [], violations: [] };
  for (const check of checks) {
    const { rows } = await db.query(
      `SELECT * FROM (${check.sql}) AS violation
       WHERE $1::uuid[] IS NULL OR violation.customer_id = ANY($1::uuid[])`,
      [options.customerIds ?? null],
    );
    report.checks.push({ name: check.name, rule: check.rule, violations: rows.length });
    for (const row of rows) {
      report.violations.push({
        check: check.name,
        customerId: row.customer_id ?? null,
        detail: check.describe(row),
      });
    }
  }
  report.ok = report.violations.length === 0;
  return report;
}

/** One report out of several (e.g. the SQL checks and the upstream mapping). */
export function mergeInvariantReports(...reports: InvariantReport[]): InvariantReport {
  const violations = reports.flatMap((report) => report.violations);
  return { ok: violations.length === 0, checks: reports.flatMap((report) => report.checks), violations };
}

export function formatInvariantReport(report: InvariantReport): string {
  const lines = report.checks.map(
    (check) => `${check.violations === 0 ? 'ok  ' : 'FAIL'} ${check.name}: ${check.rule}`,
  );
  for (const violation of report.violations) {
    lines.push(`  ${violation.check} customer ${violation.customerId ?? '-'}: ${violation.detail}`);
  }
  lines.push(report.ok ? 'Ledger invariants hold.' : `${report.violations.length} violation(s).`);
  return lines.join('\n');
}

/** Adapts a Prisma client (or transaction) to SqlClient. */
export function sqlClientOf(prisma: {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}): SqlClient {
  return {
    query: async (text, values = []) => ({
      rows: await prisma.$queryRawUnsafe<Record<string, string | null>[]>(text, ...values),
    }),
  };
}
