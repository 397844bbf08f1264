import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import type { PurchaseObject, TarifDetailsObject } from '@app/streamskill';
import { BackgroundUpstream } from '../background-jobs/background-upstream';
import { GatewayConfig } from '../config/gateway-config';
import { SettlementExecutor, SettlementOutcome } from './settlement-executor';
import { planSettlements } from './settlement-plan';
import { candidatesFor, isInFlight, MatchRules, UnlinkedPurchase } from './upstream-candidates';
import { UnlinkedPurchases } from './unlinked-purchases';

/** Allowed difference between our database's clock and StreamSkill's. */
const CLOCK_SKEW_MS = 2 * 60_000;
/** Beyond the write timeout: the create flow's own bookkeeping after upstream answered. */
const ANSWER_SLACK_MS = 5_000;

export type ReconcileSummary = Record<SettlementOutcome, number>;

/**
 * One reconciler pass over pending purchases: one upstream listing serves them all (see README.md for
 * the matching rules), then each purchase is settled in a transaction of its own.
 */
@Injectable()
export class ReconcilePass {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: GatewayConfig,
    private readonly unlinkedPurchases: UnlinkedPurchases,
    private readonly upstream: BackgroundUpstream,
    private readonly executor: SettlementExecutor,
  ) {}

  async run(): Promise<ReconcileSummary> {
    const summary: ReconcileSummary = {
      linked: 0,
      released: 0,
      flagged: 0,
      waiting: 0,
      skipped: 0,
      failed: 0,
    };
    const unlinked = await this.unlinkedPurchases.load();
    const baseRules = await this.rulesFor(unlinked);
    const due = unlinked.filter(
      (purchase) => purchase.billingState === 'pending' && !isInFlight(purchase, baseRules),
    );
    summary.waiting = unlinked.filter((purchase) => purchase.billingState === 'pending').length - due.length;
    if (due.length === 0) return summary;

    const listing = await this.upstream.listAccountPurchases();
    const rules = { ...baseRules, linkedUpstreamIds: await this.linkedAmong(unlinked, listing, baseRules) };
    for (const settlement of planSettlements(unlinked, listing, rules)) {
      if (settlement.action === 'wait' && settlement.reason === 'in_flight') continue;
      summary[await this.executor.apply(settlement)]++;
    }
    return summary;
  }

  private async rulesFor(unlinked: readonly UnlinkedPurchase[]): Promise<MatchRules> {
    return {
      now: new Date(),
      answerGraceMs: this.config.streamSkill.writeTimeoutMs + ANSWER_SLACK_MS,
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
    const candidateIds = new Set(
      unlinked.flatMap((purchase) => candidatesFor(purchase, listing, rules)).map((c) => c.id),
    );
    if (candidateIds.size === 0) return new Set();
    const linked = await this.prisma.purchase.findMany({
      where: { upstreamId: { in: [...candidateIds] } },
      select: { upstreamId: true },
    });
    return new Set(linked.map((row) => row.upstreamId as number));
  }

  private async linkPrefixes(tarifIds: number[]): Promise<Map<number, string>> {
    const tarifs = await this.prisma.catalogTarif.findMany({
      where: { id: { in: tarifIds } },
      select: { id: true, details: true },
    });
    const prefixes = new Map<number, string>();
    for (const tarif of tarifs) {
      const prefix = (tarif.details as unknown as Partial<TarifDetailsObject>)?.link?.prefix;
      if (typeof prefix === 'string') prefixes.set(tarif.id, prefix);
    }
    return prefixes;
  }
}
