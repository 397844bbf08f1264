import type { PurchaseObject } from '@app/streamskill';
import type { SqlClient } from './ledger-invariants';
import { checkUpstreamMapping, type UpstreamPurchaseReader } from './upstream-mapping-check';

const CUSTOMER = '00000000-0000-4000-8000-000000000001';
const upstreamPurchase = (id: number, price = 5): PurchaseObject =>
  ({ id, price, api: true, tarif: 1, channel: `https://www.twitch.tv/c${id}` }) as PurchaseObject;
const linkedRow = (upstreamId: number) => ({
  customer_id: CUSTOMER,
  purchase_id: String(upstreamId + 1000),
  upstream_id: String(upstreamId),
  billing_state: 'charged',
  upstream_price: '5.0000',
  prolong_unsettled: 'false',
});

/** 250 linked purchases; StreamSkill knows all but the one it lost, and has one nobody linked. */
function fixtures(lost = 250, unlinked = 999) {
  const rows = Array.from({ length: 250 }, (_, i) => linkedRow(i + 1));
  const db: SqlClient = {
    query: async (text, values) =>
      text.includes('ANY($1::int[])')
        ? { rows: rows.filter((row) => (values?.[0] as number[]).includes(Number(row.upstream_id))) }
        : { rows },
  };
  const bulkCalls: number[][] = [];
  const upstream: UpstreamPurchaseReader = {
    getPurchasesBulk: async (ids) => {
      bulkCalls.push([...ids]);
      return { items: ids.filter((id) => id !== lost).map((id) => upstreamPurchase(id)), missing_ids: [] };
    },
    listPurchases: async () => [
      ...rows.map((row) => upstreamPurchase(Number(row.upstream_id))),
      upstreamPurchase(unlinked),
    ],
  };
  return { db, upstream, bulkCalls };
}

describe('checkUpstreamMapping', () => {
  it('reads the linked purchases back in batches of at most 100 ids', async () => {
    const { db, upstream, bulkCalls } = fixtures();
    await checkUpstreamMapping(db, upstream);
    expect(bulkCalls.map((ids) => ids.length)).toEqual([100, 100, 50]);
    expect(bulkCalls.flat()).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  });

  it('reports a linked purchase StreamSkill does not know and an upstream purchase nothing is linked to', async () => {
    const { db, upstream } = fixtures();
    const report = await checkUpstreamMapping(db, upstream);
    expect(report.ok).toBe(false);
    expect(report.violations).toEqual([
      {
        check: 'linked_purchases_exist_upstream',
        customerId: CUSTOMER,
        detail: 'purchase 1250 (charged) is linked to upstream 250, unknown to StreamSkill',
      },
      {
        check: 'upstream_purchases_linked_once',
        customerId: null,
        detail:
          'upstream purchase 999 (tarif 1, https://www.twitch.tv/c999, price 5) is linked to no purchase',
      },
    ]);
    expect(report.checks.map((check) => [check.name, check.violations])).toEqual([
      ['linked_purchases_exist_upstream', 1],
      ['linked_prices_match_upstream', 0],
      ['upstream_purchases_linked_once', 1],
    ]);
  });
});
