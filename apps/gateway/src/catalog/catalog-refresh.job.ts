import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { BackgroundJob } from '../background-jobs/background-job.base';
import { JobLock } from '../background-jobs/job-lock';
import { GatewayConfig } from '../config/gateway-config';
import { CatalogRefresher, DEFAULT_REFRESH_PAUSE_MS, RefreshSummary } from './catalog-refresher';

/**
 * Refreshes the enabled tariffs every CATALOG_REFRESH_INTERVAL_MS (when background jobs are on),
 * one instance at a time. Customer reads never call upstream: they see what this job last stored.
 */
@Injectable()
export class CatalogRefreshJob extends BackgroundJob<RefreshSummary> implements OnModuleDestroy {
  private readonly stopping = new AbortController();
  private readonly pauseMs: number;

  constructor(
    config: GatewayConfig,
    lock: JobLock,
    private readonly refresher: CatalogRefresher,
  ) {
    const intervalMs = config.catalog.refreshIntervalMs;
    super('catalog-refresh', { enabled: config.jobs.enabled, intervalMs }, lock);
    this.pauseMs = Math.min(DEFAULT_REFRESH_PAUSE_MS, intervalMs);
  }

  override async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await super.onModuleDestroy();
  }

  protected pass(): Promise<RefreshSummary> {
    return this.refresher.refreshEnabled({ pauseMs: this.pauseMs, signal: this.stopping.signal });
  }

  protected isNoteworthy(summary: RefreshSummary): boolean {
    return summary.failed > 0;
  }
}
