import { failedChecks, fullInvariants } from './support-faults/invariants';
import { runCheckLedger } from './support-faults/check-ledger-script';
import { ageCreate, expireSettleDeadline, reconcilerOf, uniqueChannel } from '../reconciler/support';
import { startSeededWorld, type SeededWorld } from './support-faults/seeded-world';

jest.setTimeout(120_000);

describe("invariant checker: purchases against StreamSkill's account (checkUpstreamMapping, check:ledger --upstream)", () => {
  let w: SeededWorld;
  const full = (customerIds = [w.customer.id, w.other.id]) => fullInvariants(w, customerIds);

  beforeAll(async () => {
    w = await startSeededWorld();
    // Settled, as the checks below expect of a clean account.
    await ageCreate(w, w.pending);
    await expireSettleDeadline(w, w.pending);
    await reconcilerOf(w).runOnce();
  });
  afterAll(() => w.gw.close());

  it('detects a customer charged for a purchase that does not exist upstream, on both sides', async () => {
    const { upstreamId } = await w.prisma.purchase.findUniqueOrThrow({ where: { id: w.charged } });
    await w.whileCorrupted(
      `UPDATE purchases SET upstream_id = NULL, billing_state = 'released' WHERE id = ${w.charged}`,
      `UPDATE purchases SET upstream_id = ${upstreamId}, billing_state = 'charged' WHERE id = ${w.charged}`,
      async () => {
        const report = await full();
        expect(failedChecks(report)).toEqual([
          'unlinked_purchases_not_charged',
          'upstream_purchases_linked_once',
        ]);
        expect(report.violations.map((v) => [v.customerId, v.detail])).toEqual([
          [
            w.customer.id,
            `purchase ${w.charged} (released, not linked upstream) was charged 5.50 in 1 capture(s)`,
          ],
          [
            null,
            expect.stringMatching(
              new RegExp(`^upstream purchase ${upstreamId} .* is linked to no purchase$`),
            ),
          ],
        ]);
      },
    );
  });

  it('detects a purchase linked to an id StreamSkill does not know', async () => {
    const { upstreamId } = await w.prisma.purchase.findUniqueOrThrow({ where: { id: w.charged } });
    await w.whileCorrupted(
      `UPDATE purchases SET upstream_id = 1999999999 WHERE id = ${w.charged}`,
      `UPDATE purchases SET upstream_id = ${upstreamId} WHERE id = ${w.charged}`,
      async () => {
        const report = await full();
        expect(failedChecks(report)).toEqual([
          'linked_purchases_exist_upstream',
          'upstream_purchases_linked_once',
        ]);
        expect(report.violations[0].detail).toBe(
          `purchase ${w.charged} (charged) is linked to upstream 1999999999, unknown to StreamSkill`,
        );
      },
    );
  });

  it("detects a billed upstream price other than StreamSkill's, only for the customers in scope", async () => {
    await w.whileCorrupted(
      `UPDATE purchases SET upstream_price = upstream_price + 1 WHERE id = ${w.charged}`,
      `UPDATE purchases SET upstream_price = upstream_price - 1 WHERE id = ${w.charged}`,
      async () => {
        const report = await full();
        expect(failedChecks(report)).toEqual(['linked_prices_match_upstream']);
        expect(report.violations[0].detail).toBe(
          `purchase ${w.charged} was billed against 6.0000 upstream price, StreamSkill says 5`,
        );
        expect((await full([w.other.id])).violations).toEqual([]);
      },
    );
  });

  it('npm run check:ledger --upstream --settled: exit 0 when clean, 1 on a violation, 2 on a bad argument', async () => {
    const args = ['--upstream', '--settled', `--customers=${w.customer.id},${w.other.id}`];
    const clean = await runCheckLedger(w, args);
    expect(clean.stdout).toContain('ok   upstream_purchases_linked_once');
    expect(clean.stdout).toContain('Ledger invariants hold.');
    expect(clean.code).toBe(0);
    await w.whileCorrupted(
      `UPDATE purchases SET upstream_price = upstream_price + 1 WHERE id = ${w.charged}`,
      `UPDATE purchases SET upstream_price = upstream_price - 1 WHERE id = ${w.charged}`,
      async () => {
        const dirty = await runCheckLedger(w, args);
        expect(dirty.stdout).toContain('FAIL linked_prices_match_upstream');
        expect(dirty.code).toBe(1);
      },
    );
    expect((await runCheckLedger(w, ['--upstrem'])).code).toBe(2);
  });

  // Last: StreamSkill's purchases cannot be taken back.
  it("reports an API purchase on the account that no purchase is linked to, whoever is in scope; website orders are not the gateway's", async () => {
    await w.sandbox.seedPurchase({ tarif: 1, channel: 'from-the-website', api: false });
    expect((await full()).violations).toEqual([]);
    const lost = await w.sandbox.seedPurchase({ tarif: 1, channel: uniqueChannel() });
    for (const scope of [[w.customer.id], [w.other.id]]) {
      const report = await full(scope);
      expect(report.violations).toEqual([
        {
          check: 'upstream_purchases_linked_once',
          customerId: null,
          detail: expect.stringMatching(
            new RegExp(`^upstream purchase ${lost.id} \\(tarif 1, .*\\) is linked to no purchase$`),
          ),
        },
      ]);
    }
  });
});
