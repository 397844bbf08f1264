import { Prisma, type PrismaService } from '@app/database';
import type { SandboxControl } from '@app/sandbox/control/sandbox-control';
import { checkLedgerInvariants, sqlClientOf } from '../../../apps/gateway/src/ledger/ledger-invariants';
import {
  checkUpstreamMapping,
  type UpstreamPurchaseReader,
} from '../../../apps/gateway/src/ledger/upstream-mapping-check';

/** Everything that must be empty once the reconciler has settled what an outage left behind. */
export interface BillingReport {
  unsettled: number[];
  chargedWithoutUpstreamPurchase: number[];
  upstreamPurchasesNotCharged: number[];
  upstreamPurchasesChargedTwice: number[];
  upstreamPriceMismatches: number[];
  balanceMismatches: string[];
  ledgerViolations: string[];
  upstreamMappingViolations: string[];
}

/** The report of an outage that left nothing wrong behind. */
export const CLEAN_BILLING: BillingReport = {
  unsettled: [],
  chargedWithoutUpstreamPurchase: [],
  upstreamPurchasesNotCharged: [],
  upstreamPurchasesChargedTwice: [],
  upstreamPriceMismatches: [],
  balanceMismatches: [],
  ledgerViolations: [],
  upstreamMappingViolations: [],
};

export interface BillingFigures {
  charged: number;
  released: number;
  rejected: number;
}

/**
 * Compares what the gateway billed these customers with what the sandbox (StreamSkill) says was
 * bought, and runs the ledger invariant checker and the upstream mapping check on them. `credited`: what each customer was given.
 */
export async function billingAgainstUpstream(
  prisma: PrismaService,
  sandbox: SandboxControl,
  credited: Map<string, string>,
  upstreamReader: UpstreamPurchaseReader,
): Promise<{ report: BillingReport; figures: BillingFigures }> {
  const customerIds = [...credited.keys()];
  const purchases = await prisma.purchase.findMany({ where: { customerId: { in: customerIds } } });
  const upstream = (await sandbox.state()).purchases.filter((purchase) => !purchase.foreign);
  const upstreamById = new Map(upstream.map((purchase) => [purchase.id, purchase]));
  const charged = purchases.filter((purchase) => purchase.billingState === 'charged');
  const chargesPerUpstreamId = new Map<number, number>();
  for (const { upstreamId } of charged) {
    if (upstreamId !== null)
      chargesPerUpstreamId.set(upstreamId, (chargesPerUpstreamId.get(upstreamId) ?? 0) + 1);
  }
  const ids = (list: { id: number }[]) => list.map((purchase) => purchase.id);

  const report: BillingReport = {
    unsettled: ids(
      purchases.filter((p) => p.billingState === 'pending' || p.billingState === 'needs_review'),
    ),
    chargedWithoutUpstreamPurchase: ids(
      charged.filter((p) => p.upstreamId === null || !upstreamById.has(p.upstreamId)),
    ),
    upstreamPurchasesNotCharged: ids(upstream.filter((u) => !chargesPerUpstreamId.has(u.id))),
    upstreamPurchasesChargedTwice: ids(upstream.filter((u) => (chargesPerUpstreamId.get(u.id) ?? 0) > 1)),
    upstreamPriceMismatches: ids(
      charged.filter(
        (p) => p.upstreamId !== null && p.upstreamPrice?.toFixed(2) !== upstreamById.get(p.upstreamId)?.price,
      ),
    ),
    balanceMismatches: await balanceMismatches(prisma, credited, charged),
    ledgerViolations: (await checkLedgerInvariants(sqlClientOf(prisma), { customerIds })).violations.map(
      (violation) => `${violation.check} ${violation.customerId}: ${violation.detail}`,
    ),
    upstreamMappingViolations: (
      await checkUpstreamMapping(sqlClientOf(prisma), upstreamReader, { customerIds })
    ).violations.map((violation) => `${violation.check} ${violation.customerId}: ${violation.detail}`),
  };
  const count = (state: string) => purchases.filter((purchase) => purchase.billingState === state).length;
  return {
    report,
    figures: { charged: charged.length, released: count('released'), rejected: count('rejected') },
  };
}

/** Each balance must be what was credited minus the prices of its charged purchases, nothing held. */
async function balanceMismatches(
  prisma: PrismaService,
  credited: Map<string, string>,
  charged: { customerId: string; price: Prisma.Decimal | null }[],
): Promise<string[]> {
  const mismatches: string[] = [];
  for (const [customerId, amount] of credited) {
    const expected = charged
      .filter((purchase) => purchase.customerId === customerId)
      .reduce((left, purchase) => left.minus(purchase.price ?? 0), new Prisma.Decimal(amount));
    const balance = await prisma.balance.findUnique({ where: { customerId } });
    const actual = `${balance?.total.toFixed(2)} held ${balance?.held.toFixed(2)}`;
    if (actual !== `${expected.toFixed(2)} held 0.00`) {
      mismatches.push(`${customerId}: ${actual}, expected ${expected.toFixed(2)}`);
    }
  }
  return mismatches;
}
