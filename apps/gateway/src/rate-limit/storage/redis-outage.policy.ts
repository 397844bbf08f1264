import { Injectable, Logger } from '@nestjs/common';
import { GatewayConfig, RedisFailureMode } from '../../config/gateway-config';
import { rateLimiterUnavailable } from '../rate-limit-errors';
import { OutageAction, RateLimitMetrics } from '../rate-limit-metrics';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import type { CounterWindow } from './multi-window-storage';
import { WindowRecord } from './window-record';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOG_EVERY_MS = 10_000;

/** What a request gets when its counter cannot be updated in Redis (RATE_LIMIT_REDIS_FAILURE_MODE). */
export function outageAction(mode: RedisFailureMode, method: string): OutageAction {
  if (mode === 'local') return 'local';
  if (READS.has(method)) return 'open';
  return mode === 'open' ? 'local' : 'refused';
}

/**
 * Applies the failure mode when the shared counters do not answer: count in this instance's memory
 * (`local`, the same quotas per instance), let a read through uncounted (`open`), or refuse a write
 * with 503 (`refused`). Never silently unlimited for writes. Each failure is counted in a metric and
 * logged at most once per interval.
 */
@Injectable()
export class RedisOutagePolicy {
  private readonly logger = new Logger(RedisOutagePolicy.name);
  private readonly mode: RedisFailureMode;
  private unloggedFailures = 0;
  private lastLoggedAt = -Infinity;

  constructor(
    config: GatewayConfig,
    private readonly metrics: RateLimitMetrics,
    private readonly local: MemoryThrottlerStorage,
  ) {
    this.mode = config.rateLimit.redisFailureMode;
  }

  /**
   * Counts one hit with `count` (the shared storage); on failure, as the mode says for `method`.
   * `method` null: a hit that must never go uncounted (failed authentications) always falls back to memory.
   * Returns null when the request goes through uncounted.
   */
  hit(
    method: string | null,
    count: () => Promise<WindowRecord>,
    key: string,
    ttl: number,
    limit: number,
  ): Promise<WindowRecord | null> {
    return this.countOrFallBack(method, count, () => this.local.hit(key, ttl, limit), 1);
  }

  /** As hit(), for every window of a request counted at once; the fallback counts them all in memory. */
  hitAll(
    method: string,
    count: () => WindowRecord[] | Promise<WindowRecord[]>,
    windows: readonly CounterWindow[],
  ): Promise<WindowRecord[] | null> {
    return this.countOrFallBack(method, count, () => this.local.hitAll(windows), windows.length);
  }

  private async countOrFallBack<T>(
    method: string | null,
    shared: () => T | Promise<T>,
    local: () => T,
    counters: number,
  ): Promise<T | null> {
    try {
      return await shared();
    } catch (error) {
      const action = method === null ? 'local' : outageAction(this.mode, method);
      // Failures are counted per counter not updated, as when each window took its own call; a
      // refusal stopped at the first window then, and counts once.
      this.report(action, error, action === 'refused' ? 1 : counters);
      if (action === 'open') return null;
      if (action === 'refused') throw rateLimiterUnavailable();
      return local();
    }
  }

  private report(action: OutageAction, error: unknown, failures: number): void {
    this.metrics.storeFailed(action, failures);
    this.unloggedFailures += failures;
    const now = performance.now();
    if (now - this.lastLoggedAt < LOG_EVERY_MS) return;
    this.logger.warn(
      { err: error, failures: this.unloggedFailures, mode: this.mode },
      'Rate-limit counters unreachable in Redis: applying RATE_LIMIT_REDIS_FAILURE_MODE',
    );
    this.lastLoggedAt = now;
    this.unloggedFailures = 0;
  }
}
