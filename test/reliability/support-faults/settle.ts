import type { PurchasesWorld } from '../../purchases/support';
import { reconcilerOf } from '../../reconciler/support';
import { sleep } from '../../purchases/support';

/** A bound that only a stuck reconciler reaches; the loop normally ends within a few seconds. */
const GIVE_UP_MS = 90_000;

/**
 * Runs the reconciler, as its schedule would, until these customers have nothing left to settle: no
 * pending purchase, no open hold. needs_review ends the loop at once (it waits for an admin).
 * A pass that fails (StreamSkill unreadable) is retried, as the schedule would.
 */
export async function reconcileUntilSettled(
  world: PurchasesWorld,
  customerIds: string[],
): Promise<{ passes: number; failedPasses: number }> {
  const started = Date.now();
  let failedPasses = 0;
  for (let passes = 1; ; passes++) {
    await reconcilerOf(world)
      .runOnce()
      .catch(() => failedPasses++);
    const left = await unsettled(world, customerIds);
    if (left.pending === 0 && left.openHolds === 0) return { passes, failedPasses };
    if (left.needsReview > 0) throw new Error(`${left.needsReview} purchase(s) went to needs_review`);
    if (Date.now() - started > GIVE_UP_MS) throw new Error(`still unsettled: ${JSON.stringify(left)}`);
    await sleep(500);
  }
}

async function unsettled({ prisma }: PurchasesWorld, customerIds: string[]) {
  const scope = { customerId: { in: customerIds } };
  return {
    pending: await prisma.purchase.count({ where: { ...scope, billingState: 'pending' } }),
    needsReview: await prisma.purchase.count({ where: { ...scope, billingState: 'needs_review' } }),
    openHolds: await prisma.hold.count({ where: { ...scope, state: 'open' } }),
  };
}
