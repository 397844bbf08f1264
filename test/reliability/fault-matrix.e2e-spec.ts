import { startPurchasesWorld, type PurchasesWorld } from '../purchases/support';
import { fireBurst, tally, type Burst } from './support-faults/burst';
import {
  BURST_ANSWERS,
  FAULT_CASES,
  LOAD,
  WRITE_TIMEOUT_MS,
  type FaultCase,
} from './support-faults/fault-cases';
import { failedChecks, fullInvariants } from './support-faults/invariants';
import { matrixTable, type MatrixRow } from './support-faults/matrix-table';
import { reconcileUntilSettled } from './support-faults/settle';
import { reportFigures } from '../support/figures';

jest.setTimeout(300_000);

describe('fault matrix: every upstream fault under a burst of concurrent creates', () => {
  let world: PurchasesWorld;
  const rows: MatrixRow[] = [];

  beforeAll(async () => {
    world = await startPurchasesWorld({
      STREAMSKILL_WRITE_TIMEOUT_MS: String(WRITE_TIMEOUT_MS),
      PURCHASE_SETTLE_DEADLINE_MS: '1000',
    });
  });
  afterAll(async () => {
    await world?.gw.close();
    // The table for the README's fault section.
    if (rows.length > 0) reportFigures(matrixTable(LOAD, rows));
  });

  it.each(FAULT_CASES.map((c) => [c.name, c] as const))(
    '%s: designed answers, never a 500; once reconciled, every invariant holds',
    async (_name, faultCase: FaultCase) => {
      await world.sandbox.reset();
      if (faultCase.sandboxBalance) await world.sandbox.setBalance(faultCase.sandboxBalance);
      if (faultCase.rule) await world.sandbox.setFaults(faultCase.rule);

      const burstStarted = Date.now();
      const burst = await fireBurst(world, LOAD);
      const burstMs = Date.now() - burstStarted;
      const { counters } = await world.sandbox.state();
      await world.sandbox.clearFaults();

      const answers = tally(burst.answers);
      const allowed = [...BURST_ANSWERS, ...faultCase.faultAnswers, ...(faultCase.alsoAllowed ?? [])];
      expect(Object.keys(answers).filter((label) => !allowed.includes(label))).toEqual([]);
      const expected = faultCase.successExpected === false ? [] : ['200'];
      expect(Object.keys(answers)).toEqual(expect.arrayContaining([...expected, ...faultCase.faultAnswers]));
      expectRetriesReplayed(burst);
      await expectEveryAnsweredPurchaseRecorded(world, burst);

      const settleStarted = Date.now();
      const customerIds = burst.customers.map((customer) => customer.id);
      if (faultCase.duringReconcile) await world.sandbox.setFaults(faultCase.duringReconcile);
      const { passes, failedPasses } = await reconcileUntilSettled(world, customerIds);
      await world.sandbox.clearFaults();
      const settleMs = Date.now() - settleStarted;
      const report = await fullInvariants(world, customerIds);
      expect(report.violations).toEqual([]);

      const states = await world.prisma.purchase.groupBy({
        by: ['billingState'],
        where: { customerId: { in: customerIds } },
        _count: true,
      });
      rows.push({
        name: faultCase.name,
        answers,
        faultsApplied: counters.faults,
        burstMs,
        passes,
        failedPasses,
        settleMs,
        billingStates: Object.fromEntries(states.map((s) => [s.billingState, s._count])),
        checks: report.checks.length,
        failed: failedChecks(report),
      });
    },
  );
});

/**
 * A keyed create sent again after the burst gets the first answer back, unless the first failed before
 * anything was held (402 insufficient_funds forgets the key, by design): then it runs anew.
 */
function expectRetriesReplayed(burst: Burst): void {
  for (const { first, retry } of burst.retries) {
    const executed = first.filter((answer) => !answer.replayed && answer.status !== 409);
    if (executed.some((answer) => answer.status === 402)) continue;
    expect(executed).toHaveLength(1);
    const [original] = executed;
    expect(retry).toMatchObject({ replayed: true, status: original.status, purchaseId: original.purchaseId });
    for (const other of first.filter((answer) => answer.replayed)) {
      expect(other).toMatchObject({ status: original.status, purchaseId: original.purchaseId });
    }
  }
}

/** The purchases answered 200 or 202 are exactly the customers' purchases that were not refused. */
async function expectEveryAnsweredPurchaseRecorded(world: PurchasesWorld, burst: Burst): Promise<void> {
  const answered = [...burst.answers, ...burst.retries.map((r) => r.retry)]
    .map((answer) => answer.purchaseId)
    .filter((id): id is number => id !== null);
  const rows = await world.prisma.purchase.findMany({
    where: { customerId: { in: burst.customers.map((c) => c.id) }, billingState: { not: 'rejected' } },
    select: { id: true },
  });
  expect([...new Set(answered)].sort((a, b) => a - b)).toEqual(
    rows.map((row) => row.id).sort((a, b) => a - b),
  );
}
