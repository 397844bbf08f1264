import Decimal from 'decimal.js';
import { MAX_BULK_IDS, type BulkPurchasesObject, type PurchaseObject } from '@app/streamskill';
import type { InvariantReport, InvariantViolation, SqlClient } from './ledger-invariants';

/** What the check reads from StreamSkill: `StreamSkillClient` fits. */
export interface UpstreamPurchaseReader {
  listPurchases(): Promise<PurchaseObject[]>;
  getPurchasesBulk(ids: readonly number[]): Promise<BulkPurchasesObject>;
}

interface LinkedRow {
  customer_id: string;
  purchase_id: string;
  upstream_id: string;
  billing_state: string;
  upstream_price: string | null;
  prolong_unsettled: string;
}

const LINKED_SQL = `
  SELECT customer_id, id::text AS purchase_id, upstream_id::text AS upstream_id,
    billing_state::text AS billing_state, upstream_price::text AS upstream_price,
    (prolong_deadline IS NOT NULL)::text AS prolong_unsettled
  FROM purchases WHERE upstream_id IS NOT NULL`;

const RULES = {
  linked_purchases_exist_upstream: 'every purchase linked upstream exists on the StreamSkill account',
  linked_prices_match_upstream:
    "a linked purchase's billed upstream price is StreamSkill's price (unless a prolong is unsettled)",
  upstream_purchases_linked_once:
    'every API purchase on the StreamSkill account is linked to exactly one charged (or refunded) purchase',
};
type MappingCheck = keyof typeof RULES;

/**
 * The gateway's purchases against StreamSkill's account, both ways. With `customerIds`, the gateway
 * side is those customers' purchases, and upstream purchases linked to other customers are skipped;
 * an upstream purchase linked to nothing is always reported (it cannot be attributed), so the account
 * must not be shared with purchases the database has never seen (e.g. another test's sandbox).
 */
export async function checkUpstreamMapping(
  db: SqlClient,
  upstream: UpstreamPurchaseReader,
  { customerIds }: { customerIds?: string[] } = {},
): Promise<InvariantReport> {
  const violations: InvariantViolation[] = [];
  const report = (check: MappingCheck, customerId: string | null, detail: string) =>
    violations.push({ check, customerId, detail });

  const { rows } = await db.query(
    `${LINKED_SQL} AND ($1::uuid[] IS NULL OR customer_id = ANY($1::uuid[])) ORDER BY upstream_id`,
    [customerIds ?? null],
  );
  const linked = rows as unknown as LinkedRow[];
  const found = await readInBatches(
    upstream,
    linked.map((row) => Number(row.upstream_id)),
  );
  for (const row of linked) {
    const item = found.get(Number(row.upstream_id));
    if (!item) {
      report(
        'linked_purchases_exist_upstream',
        row.customer_id,
        `purchase ${row.purchase_id} (${row.billing_state}) is linked to upstream ${row.upstream_id}, unknown to StreamSkill`,
      );
    } else if (row.prolong_unsettled === 'false' && !samePrice(item.price, row.upstream_price)) {
      report(
        'linked_prices_match_upstream',
        row.customer_id,
        `purchase ${row.purchase_id} was billed against ${row.upstream_price ?? 'no'} upstream price, ` +
          `StreamSkill says ${item.price}`,
      );
    }
  }

  const listed = (await upstream.listPurchases()).filter((item) => item.api !== false);
  const owners = await ownersOf(
    db,
    listed.map((item) => item.id),
  );
  for (const item of listed) {
    const owner = owners.get(item.id);
    if (owner && customerIds && !customerIds.includes(owner.customer_id)) continue;
    if (!owner || !['charged', 'refunded'].includes(owner.billing_state)) {
      report(
        'upstream_purchases_linked_once',
        owner?.customer_id ?? null,
        `upstream purchase ${item.id} (tarif ${item.tarif}, ${item.channel}, price ${item.price}) is ` +
          (owner
            ? `linked to purchase ${owner.purchase_id}, ${owner.billing_state}`
            : 'linked to no purchase'),
      );
    }
  }

  const checks = (Object.keys(RULES) as MappingCheck[]).map((name) => ({
    name,
    rule: RULES[name],
    violations: violations.filter((violation) => violation.check === name).length,
  }));
  return { ok: violations.length === 0, checks, violations };
}

async function readInBatches(
  upstream: UpstreamPurchaseReader,
  ids: number[],
): Promise<Map<number, PurchaseObject>> {
  const found = new Map<number, PurchaseObject>();
  for (let start = 0; start < ids.length; start += MAX_BULK_IDS) {
    const answer = await upstream.getPurchasesBulk(ids.slice(start, start + MAX_BULK_IDS));
    for (const item of answer.items) found.set(item.id, item);
  }
  return found;
}

/** `upstream_id` is unique, so one owner at most. */
async function ownersOf(db: SqlClient, upstreamIds: number[]): Promise<Map<number, LinkedRow>> {
  if (upstreamIds.length === 0) return new Map();
  const { rows } = await db.query(`${LINKED_SQL} AND upstream_id = ANY($1::int[])`, [upstreamIds]);
  return new Map((rows as unknown as LinkedRow[]).map((row) => [Number(row.upstream_id), row]));
}

/** StreamSkill's JSON number, read back as the decimal it was written from. */
function samePrice(upstreamPrice: number, billed: string | null): boolean {
  return billed !== null && new Decimal(String(upstreamPrice)).eq(billed);
}
