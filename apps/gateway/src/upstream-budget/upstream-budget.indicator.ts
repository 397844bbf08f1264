import { Inject, Injectable } from '@nestjs/common';
import { GatewayConfig, type UpstreamBudgetSettings } from '../config/gateway-config';
import { HealthCheckResult, HealthIndicator, ReadinessCheck } from '../health/health-indicator';
import { BUDGET_STORE, type BudgetStore } from './stores/budget-store';
import { UpstreamBudgetStats } from './upstream-budget-stats';

/**
 * Readiness: the budget's store answers. An empty bucket or a 429 backoff is reported as `degraded`
 * but stays ready: every instance shares the same budget, so taking this one out would not help.
 */
@ReadinessCheck()
@Injectable()
export class UpstreamBudgetHealthIndicator implements HealthIndicator {
  readonly name = 'upstreamBudget';
  readonly timeoutMs = 2_000;
  private readonly settings: UpstreamBudgetSettings;

  constructor(
    @Inject(BUDGET_STORE) private readonly store: BudgetStore,
    private readonly stats: UpstreamBudgetStats,
    config: GatewayConfig,
  ) {
    this.settings = config.upstreamBudget;
  }

  async check(): Promise<HealthCheckResult> {
    const startedAt = performance.now();
    const state = await this.store.state();
    const latencyMs = Math.round(performance.now() - startedAt);
    const { waiting, granted, refused, rateLimited, storeErrors } = this.stats.snapshot();
    const { burst, perSecond, backgroundReserve } = this.settings;
    return {
      status: 'ok',
      latencyMs,
      backend: this.store.backend,
      degraded: state.backoffMs > 0 || state.tokens < 1,
      tokens: Math.round(state.tokens * 100) / 100,
      burst,
      perSecond,
      backgroundReserve,
      waiting,
      granted,
      refused,
      rateLimited: { allInstances: state.rateLimitedTotal, thisInstance: rateLimited },
      backoffUntil: state.backoffMs > 0 ? new Date(Date.now() + state.backoffMs).toISOString() : null,
      storeErrors,
    };
  }
}
