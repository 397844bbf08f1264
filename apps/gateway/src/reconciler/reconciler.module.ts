import { Module } from '@nestjs/common';
import { BackgroundJobsModule } from '../background-jobs/background-jobs.module';
import { LedgerModule } from '../ledger/ledger.module';
import { PricingModule } from '../pricing/pricing.module';
import { FlagForReview } from './flag-for-review';
import { LinkUpstreamPurchase } from './link-upstream-purchase';
import { ReconcilePass } from './reconcile-pass';
import { Reconciler } from './reconciler.job';
import { ReleaseUnsettledPurchase } from './release-unsettled-purchase';
import { SettlementExecutor } from './settlement-executor';
import { UnlinkedPurchases } from './unlinked-purchases';

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
  ],
  exports: [Reconciler, LinkUpstreamPurchase, ReleaseUnsettledPurchase],
})
export class ReconcilerModule {}
