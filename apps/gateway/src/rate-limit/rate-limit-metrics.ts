import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsRegistry } from '../metrics/metrics-registry';

export type OutageAction = 'local' | 'open' | 'refused';

/** Prometheus counters of inbound rate limiting, exposed at /metrics. */
@Injectable()
export class RateLimitMetrics {
  private readonly rejections: Counter<'policy'>;
  private readonly storeFailures: Counter<'action'>;

  constructor(registry: MetricsRegistry) {
    this.rejections = registry.counter({
      name: 'gateway_rate_limit_rejections_total',
      help: 'Requests answered 429 by inbound rate limiting, by policy.',
      labelNames: ['policy'],
    });
    this.storeFailures = registry.counter({
      name: 'gateway_rate_limit_store_failures_total',
      help: 'Rate-limit counter updates Redis did not answer, by what the request got instead (local, open, refused).',
      labelNames: ['action'],
    });
  }

  rejected(policy: string): void {
    this.rejections.inc({ policy });
  }

  storeFailed(action: OutageAction, failures = 1): void {
    this.storeFailures.inc({ action }, failures);
  }
}
