import { Inject, Injectable } from '@nestjs/common';
import { GatewayConfig, type UpstreamBudgetSettings } from '../config/gateway-config';
import { HealthCheckResult, HealthIndicator, ReadinessCheck } from '../health/health-indicator';
import { BUDGET_STORE, type BudgetState, type BudgetStore } from './stores/budget-store';
import { UpstreamBudgetStats } from './upstream-budget-stats';

/**
 * Readiness never fails because of the budget: every instance shares it, so taking this one out of
 * the load balancer gives no more tokens, and reads need none. `degraded` while backing off after an
 * upstream 429, or when the store cannot be read (upstream calls are then refused with 503).
 */
@ReadinessCheck()
@Injectable()
export class UpstreamBudgetHealthIndicator implements HealthIndicator {
  readonly name = 'upstreamBudget';
  readonly timeoutMs = 2_500;
  private readonly settings: UpstreamBudgetSettings;

  constructor(
    @Inject(BUDGET_STORE) private readonly store: BudgetStore,
    private readonly stats: UpstreamBudgetStats,
    config: GatewayConfig,
  ) {
    this.settings = config.upstreamBudget;
  }

  async check(): Promise<HealthCheckResult> {
    const { burst, perSecond, backgroundReserve } = this.settings;
    const { waiting, granted, refused, rateLimited, storeErrors } = this.stats.snapshot();
    const counters = { burst, perSecond, backgroundReserve, waiting, granted, refused, storeErrors };
    const startedAt = performance.now();
    let state: BudgetState;
    try {
      state = await this.store.state();
    } catch {
      const error = `${this.store.backend} store unreachable`;
      return { status: 'degraded', error, backend: this.store.backend, ...counters };
    }
    const backingOff = state.backoffMs > 0;
    return {
      status: backingOff ? 'degraded' : 'ok',
      latencyMs: Math.round(performance.now() - startedAt),
      backend: this.store.backend,
      tokens: Math.round(state.tokens * 100) / 100,
      ...counters,
      rateLimited: { allInstances: state.rateLimitedTotal, thisInstance: rateLimited },
      backoffUntil: backingOff ? new Date(Date.now() + state.backoffMs).toISOString() : null,
    };
  }
}
