import {
  checkLedgerInvariants,
  sqlClientOf,
  type InvariantReport,
} from '../../apps/gateway/src/ledger/ledger-invariants';
import { ageCreate, expireSettleDeadline, reconcilerOf } from '../reconciler/support';
import { failedChecks, fullInvariants } from './support-faults/invariants';
import { startSeededWorld, type SeededWorld } from './support-faults/seeded-world';

jest.setTimeout(120_000);

class Rollback extends Error {}

describe('invariant checker: purchases against the ledger, and "everything settled"', () => {
  let w: SeededWorld;
  const sqlChecks = (options: { settled?: boolean } = {}) =>
    checkLedgerInvariants(sqlClientOf(w.prisma), {
      customerIds: [w.customer.id],
      purchases: true,
      ...options,
    });
  const full = () => fullInvariants(w, [w.customer.id, w.other.id]);

  beforeAll(async () => {
    w = await startSeededWorld();
  });
  afterAll(() => w.gw.close());

  it('reports a pending purchase and its open hold only when asked for a settled state, and passes once the reconciler settled it', async () => {
    expect((await sqlChecks()).violations).toEqual([]);
    const unsettled = await sqlChecks({ settled: true });
    expect(failedChecks(unsettled)).toEqual(['holds_settled', 'purchases_settled']);
    expect(unsettled.violations.map((v) => v.detail)).toEqual([
      expect.stringMatching(
        new RegExp(`^hold \\d+ \\(create of purchase ${w.pending}\\) still holds 6\\.05$`),
      ),
      `purchase ${w.pending} is pending`,
    ]);

    await ageCreate(w, w.pending);
    await expireSettleDeadline(w, w.pending);
    await reconcilerOf(w).runOnce();
    const settled = await full();
    expect(settled.violations).toEqual([]);
    expect(settled.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'charged_purchases_linked',
        'upstream_ids_unique',
        'linked_purchases_captured_once',
        'unlinked_purchases_not_charged',
        'holds_settled',
        'purchases_settled',
        'linked_purchases_exist_upstream',
        'linked_prices_match_upstream',
        'upstream_purchases_linked_once',
      ]),
    );
  });

  it('detects a purchase charged without an upstream purchase', async () => {
    await w.whileCorrupted(
      `UPDATE purchases SET billing_state = 'charged' WHERE id = ${w.rejected}`,
      `UPDATE purchases SET billing_state = 'rejected' WHERE id = ${w.rejected}`,
      async () => {
        const report = await sqlChecks();
        expect(failedChecks(report)).toEqual(['charged_purchases_linked']);
        expect(report.violations[0]).toEqual({
          check: 'charged_purchases_linked',
          customerId: w.customer.id,
          detail: `purchase ${w.rejected} is charged with upstream id none`,
        });
      },
    );
  });

  it('detects two purchases linked to one upstream purchase (with the unique index out of the way)', async () => {
    const report = await w.prisma
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe('DROP INDEX purchases_upstream_id_key');
        await tx.$executeRawUnsafe(
          `UPDATE purchases SET billing_state = 'charged',
             upstream_id = (SELECT upstream_id FROM purchases WHERE id = ${w.charged}) WHERE id = ${w.rejected}`,
        );
        const found = await checkLedgerInvariants(sqlClientOf(tx), {
          customerIds: [w.customer.id],
          purchases: true,
        });
        throw Object.assign(new Rollback(), { found });
      })
      .catch((error: Rollback & { found: InvariantReport }) => error.found);
    expect(failedChecks(report)).toEqual(['linked_purchases_captured_once', 'upstream_ids_unique']);
    expect(report.violations.filter((v) => v.check === 'upstream_ids_unique').map((v) => v.detail)).toEqual([
      expect.stringMatching(
        new RegExp(`^purchase (${w.charged}|${w.rejected}) shares upstream id \\d+ with 2 purchases in all$`),
      ),
      expect.stringMatching(/with 2 purchases in all$/),
    ]);
  });

  it('detects a linked purchase whose create hold was not captured exactly once', async () => {
    await w.whileCorrupted(
      `UPDATE holds SET purpose = 'prolong' WHERE purchase_id = ${w.charged}`,
      `UPDATE holds SET purpose = 'create' WHERE purchase_id = ${w.charged}`,
      async () => {
        const report = await sqlChecks();
        expect(failedChecks(report)).toEqual(['linked_purchases_captured_once']);
        expect(report.violations[0].detail).toBe(
          `purchase ${w.charged} has 0 create hold(s), 0 captured, with 0 capture entries`,
        );
      },
    );
  });
});
