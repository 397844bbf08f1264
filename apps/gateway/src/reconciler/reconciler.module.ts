import { Module } from '@nestjs/common';
import { BackgroundJobsModule } from '../background-jobs/background-jobs.module';
import { LedgerModule } from '../ledger/ledger.module';
import { PricingModule } from '../pricing/pricing.module';
import { ProlongPricing } from '../purchases/prolong/prolong-price';
import { FlagForReview } from './flag-for-review';
import { LinkUpstreamPurchase } from './link-upstream-purchase';
import { ProlongExecutor } from './prolong-executor';
import { ReconcilePass } from './reconcile-pass';
import { Reconciler } from './reconciler.job';
import { ReleaseUnsettledPurchase } from './release-unsettled-purchase';
import { SettleProlongHold } from './settle-prolong-hold';
import { SettlementExecutor } from './settlement-executor';
import { UnlinkedPurchases } from './unlinked-purchases';
import { UnsettledProlongs } from './unsettled-prolongs';

/** The reconciler job, and the settlements it shares with the admin purchase routes. */
@Module({
  imports: [BackgroundJobsModule, LedgerModule, PricingModule],
  providers: [
    Reconciler,
    ReconcilePass,
    UnlinkedPurchases,
    SettlementExecutor,
    LinkUpstreamPurchase,
    ReleaseUnsettledPurchase,
    FlagForReview,
    UnsettledProlongs,
    SettleProlongHold,
    ProlongExecutor,
    // The prolong flow's own pricing, for a prolong upstream confirmed but whose price shows no growth.
    ProlongPricing,
  ],
  exports: [Reconciler, LinkUpstreamPurchase, ReleaseUnsettledPurchase],
})
export class ReconcilerModule {}
