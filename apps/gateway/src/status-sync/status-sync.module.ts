import { Module } from '@nestjs/common';
import { BackgroundJobsModule } from '../background-jobs/background-jobs.module';
import { LedgerModule } from '../ledger/ledger.module';
import { RefundFailedPurchase } from './refund-failed-purchase';
import { StatusSync } from './status-sync.job';
import { StatusSyncPass } from './status-sync-pass';
import { SyncedPurchaseFields } from './synced-purchase-fields';

@Module({
  imports: [BackgroundJobsModule, LedgerModule],
  providers: [StatusSync, StatusSyncPass, RefundFailedPurchase, SyncedPurchaseFields],
  exports: [StatusSync],
})
export class StatusSyncModule {}
