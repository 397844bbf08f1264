import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditRecorder } from '../audit/audit-recorder.service';
import { jobActor } from '../background-jobs/background-job';
import { CatalogStore } from './catalog-store';
import { UpstreamTarifFetcher } from './upstream-tarif.fetcher';

/** Spacing between two tariffs of one pass: each costs two upstream calls (en, ru). */
export const DEFAULT_REFRESH_PAUSE_MS = 2_000;
const ACTOR = jobActor('catalog-refresh');

export interface RefreshPassOptions {
  pauseMs?: number;
  signal?: AbortSignal;
}

export interface RefreshSummary {
  refreshed: number;
  failed: number;
}

/**
 * Re-fetches the enabled tariffs from StreamSkill, one at a time and spaced out, stalest first, so
 * that a pass never bursts upstream. One audit row per tariff. The one seam where a shared upstream
 * budget will be waited for.
 */
@Injectable()
export class CatalogRefresher {
  private readonly logger = new Logger(CatalogRefresher.name);

  constructor(
    private readonly store: CatalogStore,
    private readonly upstream: UpstreamTarifFetcher,
    private readonly audit: AuditRecorder,
  ) {}

  async refreshEnabled({ pauseMs = DEFAULT_REFRESH_PAUSE_MS, signal }: RefreshPassOptions = {}) {
    const summary: RefreshSummary = { refreshed: 0, failed: 0 };
    const tariffs = await this.store.listEnabledByAge();
    for (const [index, { id }] of tariffs.entries()) {
      if (signal?.aborted) break;
      if (index > 0 && pauseMs > 0) await sleep(pauseMs, undefined, { signal }).catch(() => undefined);
      if (signal?.aborted) break;
      summary[(await this.refreshOne(id, signal)) ? 'refreshed' : 'failed']++;
    }
    return summary;
  }

  /** Refreshes one tariff; a failure keeps the cached details and is logged and audited, not thrown. */
  async refreshOne(id: number, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.store.saveDetails(id, await this.upstream.fetch(id, signal, 'background'));
      await this.record(id, 'success');
      return true;
    } catch (error) {
      if (signal?.aborted) return false; // shutting down: not a failure of the tariff
      this.logger.warn({ err: error, tarifId: id }, 'Could not refresh a tariff; its cached details stay');
      await this.record(id, 'failure', error);
      return false;
    }
  }

  private record(id: number, outcome: 'success' | 'failure', error?: unknown): Promise<void> {
    return this.audit.record({
      actorType: ACTOR.type,
      actorId: ACTOR.id,
      action: 'catalog.tarif.refresh',
      target: String(id),
      outcome,
      details: error ? { error: describe(error) } : null,
    });
  }
}

function describe(error: unknown): string {
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
  return `${name}: ${message}`.slice(0, 300);
}
