import { Injectable } from '@nestjs/common';
import { Counter, register } from 'prom-client';

export type OutageAction = 'local' | 'open' | 'refused';

/** Get-or-create: several gateway apps may share one process (tests), and the default registry. */
function counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
  return (register.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames });
}

/** Prometheus counters of inbound rate limiting, in the default registry that /metrics exposes. */
@Injectable()
export class RateLimitMetrics {
  private readonly rejections = counter(
    'gateway_rate_limit_rejections_total',
    'Requests answered 429 by inbound rate limiting, by policy.',
    ['policy'],
  );
  private readonly storeFailures = counter(
    'gateway_rate_limit_store_failures_total',
    'Rate-limit counter updates that Redis did not answer, by what the request got instead.',
    ['action'],
  );

  rejected(policy: string): void {
    this.rejections.inc({ policy });
  }

  storeFailed(action: OutageAction): void {
    this.storeFailures.inc({ action });
  }
}
