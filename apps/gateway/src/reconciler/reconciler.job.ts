import { Injectable } from '@nestjs/common';
import { BackgroundJob } from '../background-jobs/background-job.base';
import { JobLock } from '../background-jobs/job-lock';
import { GatewayConfig } from '../config/gateway-config';
import { ReconcilePass, ReconcileSummary } from './reconcile-pass';

/** Settles purchases whose upstream outcome is unknown, every RECONCILE_INTERVAL_MS, one instance at a time. */
@Injectable()
export class Reconciler extends BackgroundJob<ReconcileSummary> {
  constructor(
    config: GatewayConfig,
    lock: JobLock,
    private readonly reconcilePass: ReconcilePass,
  ) {
    super('reconciler', { enabled: config.jobs.enabled, intervalMs: config.jobs.reconcileIntervalMs }, lock);
  }

  protected pass(): Promise<ReconcileSummary> {
    return this.reconcilePass.run();
  }

  protected isNoteworthy(summary: ReconcileSummary): boolean {
    const { linked, released, flagged, prolongCaptured, prolongReleased, failed } = summary;
    return linked + released + flagged + prolongCaptured + prolongReleased + failed > 0;
  }
}
