import type { InvariantCheck } from './ledger-invariant-checks';

/**
 * Purchases against the ledger: what the customer paid matches what exists upstream, as far as the
 * gateway's own rows can tell (upstream-mapping-check.ts asks StreamSkill itself). They hold at any
 * time, whatever is still in flight.
 */
export const PURCHASE_CHECKS: InvariantCheck[] = [
  {
    name: 'charged_purchases_linked',
    rule: 'a purchase is charged (or refunded) exactly when it is linked to an upstream purchase',
    sql: `
      SELECT customer_id, id::text AS purchase_id, billing_state::text AS billing_state,
        upstream_id::text AS upstream_id
      FROM purchases
      WHERE (billing_state IN ('charged', 'refunded')) <> (upstream_id IS NOT NULL)`,
    describe: (row) =>
      `purchase ${row.purchase_id} is ${row.billing_state} with upstream id ${row.upstream_id ?? 'none'}`,
  },
  {
    name: 'upstream_ids_unique',
    rule: 'no two purchases are linked to the same upstream purchase',
    sql: `
      SELECT p.customer_id, p.id::text AS purchase_id, p.upstream_id::text AS upstream_id,
        shared.purchases::text AS purchases
      FROM purchases p
      JOIN (SELECT upstream_id, COUNT(*) AS purchases FROM purchases
            WHERE upstream_id IS NOT NULL GROUP BY upstream_id HAVING COUNT(*) > 1) shared
        ON shared.upstream_id = p.upstream_id`,
    describe: (row) =>
      `purchase ${row.purchase_id} shares upstream id ${row.upstream_id} with ${row.purchases} purchases in all`,
  },
  {
    name: 'linked_purchases_captured_once',
    rule: 'a purchase linked upstream has one create hold, captured by exactly one capture entry',
    sql: `
      SELECT p.customer_id, p.id::text AS purchase_id,
        COUNT(DISTINCT h.id)::text AS create_holds,
        COUNT(DISTINCT h.id) FILTER (WHERE h.state = 'captured')::text AS captured_holds,
        COUNT(e.id)::text AS capture_entries
      FROM purchases p
      LEFT JOIN holds h ON h.purchase_id = p.id AND h.customer_id = p.customer_id AND h.purpose = 'create'
      LEFT JOIN ledger_entries e ON e.hold_id = h.id AND e.type = 'capture'
      WHERE p.upstream_id IS NOT NULL
      GROUP BY p.id
      HAVING COUNT(DISTINCT h.id) <> 1
        OR COUNT(DISTINCT h.id) FILTER (WHERE h.state = 'captured') <> 1
        OR COUNT(e.id) <> 1`,
    describe: (row) =>
      `purchase ${row.purchase_id} has ${row.create_holds} create hold(s), ${row.captured_holds} captured, ` +
      `with ${row.capture_entries} capture entries`,
  },
  {
    name: 'unlinked_purchases_not_charged',
    rule: 'a purchase with no upstream purchase was never charged (no capture on any of its holds)',
    sql: `
      SELECT p.customer_id, p.id::text AS purchase_id, p.billing_state::text AS billing_state,
        COUNT(e.id)::text AS captures, SUM(e.amount)::text AS captured
      FROM purchases p
      JOIN holds h ON h.purchase_id = p.id AND h.customer_id = p.customer_id
      JOIN ledger_entries e ON e.hold_id = h.id AND e.type = 'capture'
      WHERE p.upstream_id IS NULL
      GROUP BY p.id`,
    describe: (row) =>
      `purchase ${row.purchase_id} (${row.billing_state}, not linked upstream) was charged ` +
      `${row.captured} in ${row.captures} capture(s)`,
  },
];

/** Only once the reconciler has had its turn (nothing in flight): every outcome is known. */
export const SETTLED_CHECKS: InvariantCheck[] = [
  {
    name: 'holds_settled',
    rule: 'every hold is captured or released',
    sql: `
      SELECT customer_id, id::text AS hold_id, purpose, purchase_id::text AS purchase_id, amount::text AS amount
      FROM holds WHERE state = 'open'`,
    describe: (row) =>
      `hold ${row.hold_id} (${row.purpose} of purchase ${row.purchase_id ?? '-'}) still holds ${row.amount}`,
  },
  {
    name: 'purchases_settled',
    rule: 'no purchase is pending, waiting for review, or has a prolong whose outcome is unknown',
    sql: `
      SELECT customer_id, id::text AS purchase_id, billing_state::text AS billing_state,
        (prolong_deadline IS NOT NULL)::text AS prolong_unsettled
      FROM purchases
      WHERE billing_state IN ('pending', 'needs_review') OR prolong_deadline IS NOT NULL`,
    describe: (row) =>
      `purchase ${row.purchase_id} is ${row.billing_state}` +
      (row.prolong_unsettled === 'true' ? ' with an unsettled prolong' : ''),
  },
];
