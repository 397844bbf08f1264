/** One invariant: a query returning one row per violation, each with a `customer_id` column. */
export interface InvariantCheck {
  name: string;
  /** What must hold, as the report prints it. */
  rule: string;
  sql: string;
  describe(row: Record<string, string | null>): string;
}

/** DESIGN.md "Money". Amounts are cast to text so that any client (pg, Prisma) returns exact strings. */
export const LEDGER_CHECKS: InvariantCheck[] = [
  {
    name: 'entries_sum_to_balance',
    rule: 'sum(total_delta) = balances.total and sum(held_delta) = balances.held',
    sql: `
      WITH sums AS (
        SELECT customer_id, SUM(total_delta) AS total, SUM(held_delta) AS held
        FROM ledger_entries GROUP BY customer_id)
      SELECT COALESCE(b.customer_id, s.customer_id) AS customer_id,
        COALESCE(b.total, 0)::text AS balance_total, COALESCE(s.total, 0)::text AS entries_total,
        COALESCE(b.held, 0)::text AS balance_held, COALESCE(s.held, 0)::text AS entries_held
      FROM balances b FULL OUTER JOIN sums s ON s.customer_id = b.customer_id
      WHERE COALESCE(b.total, 0) <> COALESCE(s.total, 0) OR COALESCE(b.held, 0) <> COALESCE(s.held, 0)`,
    describe: (row) =>
      `balance total ${row.balance_total} / held ${row.balance_held}, ` +
      `entries say ${row.entries_total} / ${row.entries_held}`,
  },
  {
    name: 'available_within_credit_limit',
    rule: 'total - held >= -credit_limit',
    sql: `
      SELECT b.customer_id, (b.total - b.held)::text AS available, c.credit_limit::text AS credit_limit
      FROM balances b JOIN customers c ON c.id = b.customer_id
      WHERE b.total - b.held < -c.credit_limit`,
    describe: (row) => `available ${row.available} is below -${row.credit_limit}`,
  },
  {
    name: 'open_holds_sum_to_held',
    rule: 'sum(open holds) = balances.held',
    sql: `
      WITH open AS (SELECT customer_id, SUM(amount) AS held FROM holds WHERE state = 'open' GROUP BY customer_id)
      SELECT COALESCE(b.customer_id, o.customer_id) AS customer_id,
        COALESCE(b.held, 0)::text AS balance_held, COALESCE(o.held, 0)::text AS open_holds
      FROM balances b FULL OUTER JOIN open o ON o.customer_id = b.customer_id
      WHERE COALESCE(b.held, 0) <> COALESCE(o.held, 0)`,
    describe: (row) => `held ${row.balance_held}, open holds add up to ${row.open_holds}`,
  },
  {
    name: 'holds_settled_once',
    rule: 'every hold has one hold entry, and one capture or release entry once it is settled',
    sql: `
      SELECT h.customer_id, h.id::text AS hold_id, h.state::text AS state,
        COUNT(e.id) FILTER (WHERE e.type = 'hold')::text AS placed,
        COUNT(e.id) FILTER (WHERE e.type = 'capture')::text AS captures,
        COUNT(e.id) FILTER (WHERE e.type = 'release')::text AS releases
      FROM holds h LEFT JOIN ledger_entries e ON e.hold_id = h.id
      GROUP BY h.id
      HAVING COUNT(e.id) FILTER (WHERE e.type = 'hold') <> 1
        OR COUNT(e.id) FILTER (WHERE e.type = 'capture') <> CASE WHEN h.state = 'captured' THEN 1 ELSE 0 END
        OR COUNT(e.id) FILTER (WHERE e.type = 'release') <> CASE WHEN h.state = 'released' THEN 1 ELSE 0 END`,
    describe: (row) =>
      `hold ${row.hold_id} is ${row.state} with ${row.placed} hold, ${row.captures} capture ` +
      `and ${row.releases} release entries`,
  },
  {
    name: 'entries_chain',
    rule: "each entry's total_after / held_after = the running sum of its customer's deltas",
    sql: `
      SELECT customer_id, id::text AS entry_id, total_after::text AS total_after, running_total::text AS running_total
      FROM (
        SELECT id, customer_id, total_after, held_after,
          SUM(total_delta) OVER w AS running_total, SUM(held_delta) OVER w AS running_held
        FROM ledger_entries WINDOW w AS (PARTITION BY customer_id ORDER BY id)) chained
      WHERE total_after <> running_total OR held_after <> running_held`,
    describe: (row) =>
      `entry ${row.entry_id} says total ${row.total_after}, the entries before it ${row.running_total}`,
  },
];
