import { Injectable } from '@nestjs/common';
import { BackgroundJob } from '../background-jobs/background-job.base';
import { JobLock } from '../background-jobs/job-lock';
import { GatewayConfig } from '../config/gateway-config';
import { StatusSyncPass, StatusSyncSummary } from './status-sync-pass';

/** Refreshes unfinished purchases from StreamSkill every STATUS_SYNC_INTERVAL_MS, one instance at a time. */
@Injectable()
export class StatusSync extends BackgroundJob<StatusSyncSummary> {
  constructor(
    config: GatewayConfig,
    lock: JobLock,
    private readonly syncPass: StatusSyncPass,
  ) {
    super(
      'status-sync',
      { enabled: config.jobs.enabled, intervalMs: config.jobs.statusSyncIntervalMs },
      lock,
    );
  }

  protected pass(): Promise<StatusSyncSummary> {
    return this.syncPass.run();
  }

  protected isNoteworthy(summary: StatusSyncSummary): boolean {
    return summary.refunded + summary.missing + summary.failedBatches > 0;
  }
}
