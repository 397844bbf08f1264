import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import type { PurchaseObject, TarifDetailsObject } from '@app/streamskill';
import { BackgroundUpstream } from '../background-jobs/background-upstream';
import { GatewayConfig } from '../config/gateway-config';
import { upstreamPriceOf } from '../purchases/upstream/upstream-purchase-fields';
import { ProlongExecutor, ProlongOutcome } from './prolong-executor';
import { planProlong, UnsettledProlong } from './prolong-plan';
import { answerGraceMs, CLOCK_SKEW_MS } from './settle-timing';
import { SettlementExecutor, SettlementOutcome } from './settlement-executor';
import { planSettlements } from './settlement-plan';
import { UnlinkedPurchases } from './unlinked-purchases';
import { UnsettledProlongs } from './unsettled-prolongs';
import { candidatesFor, isInFlight, MatchRules, UnlinkedPurchase } from './upstream-candidates';

export type ReconcileSummary = Record<SettlementOutcome | ProlongOutcome, number>;

/**
 * One reconciler pass: pending purchases and ambiguous prolongs are settled against one listing of
 * upstream's purchases (see README.md for the rules), each in a transaction of its own.
 */
@Injectable()
export class ReconcilePass {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: GatewayConfig,
    private readonly unlinkedPurchases: UnlinkedPurchases,
    private readonly unsettledProlongs: UnsettledProlongs,
    private readonly upstream: BackgroundUpstream,
    private readonly settlements: SettlementExecutor,
    private readonly prolongSettlements: ProlongExecutor,
  ) {}

  async run(): Promise<ReconcileSummary> {
    const summary = emptySummary();
    const unlinked = await this.unlinkedPurchases.load();
    const prolongs = await this.unsettledProlongs.load();
    const rules = await this.rulesFor(unlinked);
    const pending = unlinked.filter((purchase) => purchase.billingState === 'pending');
    const duePending = pending.filter((purchase) => !isInFlight(purchase, rules));
    const dueProlongs = prolongs.filter(
      (prolong) => rules.now.getTime() - prolong.holdCreatedAt.getTime() >= rules.answerGraceMs,
    );
    summary.waiting = pending.length - duePending.length + prolongs.length - dueProlongs.length;
    if (duePending.length === 0 && dueProlongs.length === 0) return summary;

    const listing = await this.upstream.listAccountPurchases();
    if (duePending.length > 0) await this.settleCreates(unlinked, listing, rules, summary);
    for (const prolong of dueProlongs) {
      summary[await this.settleProlong(prolong, listing, rules)]++;
    }
    return summary;
  }

  private async settleCreates(
    unlinked: readonly UnlinkedPurchase[],
    listing: readonly PurchaseObject[],
    baseRules: MatchRules,
    summary: ReconcileSummary,
  ): Promise<void> {
    const rules = { ...baseRules, linkedUpstreamIds: await this.linkedAmong(unlinked, listing, baseRules) };
    for (const settlement of planSettlements(unlinked, listing, rules)) {
      if (settlement.action === 'wait' && settlement.reason === 'in_flight') continue;
      summary[await this.settlements.apply(settlement)]++;
    }
  }

  private settleProlong(
    prolong: UnsettledProlong,
    listing: readonly PurchaseObject[],
    rules: MatchRules,
  ): Promise<ProlongOutcome> {
    const listed = listing.find((purchase) => purchase.id === prolong.upstreamId);
    const current = listed ? upstreamPriceOf(listed) : null;
    return this.prolongSettlements.apply(prolong, planProlong(prolong, current, rules));
  }

  private async rulesFor(unlinked: readonly UnlinkedPurchase[]): Promise<MatchRules> {
    return {
      now: new Date(),
      answerGraceMs: answerGraceMs(this.config),
      clockSkewMs: CLOCK_SKEW_MS,
      linkPrefixes: await this.linkPrefixes([...new Set(unlinked.map((purchase) => purchase.tarifId))]),
      linkedUpstreamIds: new Set(),
    };
  }

  /** Which of the upstream purchases that could match already belong to a gateway purchase. */
  private async linkedAmong(
    unlinked: readonly UnlinkedPurchase[],
    listing: readonly PurchaseObject[],
    rules: MatchRules,
  ): Promise<Set<number>> {
    const candidates = unlinked.flatMap((purchase) => candidatesFor(purchase, listing, rules));
    if (candidates.length === 0) return new Set();
    const linked = await this.prisma.purchase.findMany({
      where: { upstreamId: { in: [...new Set(candidates.map((candidate) => candidate.id))] } },
      select: { upstreamId: true },
    });
    return new Set(linked.map((row) => row.upstreamId as number));
  }

  private async linkPrefixes(tarifIds: number[]): Promise<Map<number, string>> {
    if (tarifIds.length === 0) return new Map();
    const tarifs = await this.prisma.catalogTarif.findMany({
      where: { id: { in: tarifIds } },
      select: { id: true, details: true },
    });
    const prefixes = new Map<number, string>();
    for (const tarif of tarifs) {
      const prefix = (tarif.details as unknown as Partial<TarifDetailsObject> | null)?.link?.prefix;
      if (typeof prefix === 'string') prefixes.set(tarif.id, prefix);
    }
    return prefixes;
  }
}

function emptySummary(): ReconcileSummary {
  return {
    linked: 0,
    released: 0,
    flagged: 0,
    prolongCaptured: 0,
    prolongReleased: 0,
    waiting: 0,
    skipped: 0,
    failed: 0,
  };
}
