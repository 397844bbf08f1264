import { Inject, Injectable, Logger } from '@nestjs/common';
import type { UpstreamPriority } from '@app/streamskill';
import { BUDGET_STORE, type BudgetStore } from '../upstream-budget/stores/budget-store';
import { UpstreamBudgetStats } from '../upstream-budget/upstream-budget-stats';
import { MetricsRegistry } from './metrics-registry';
import { messageOf, withinScrapeTimeout } from './scrape-timeout';

const PRIORITIES: readonly UpstreamPriority[] = ['interactive', 'background'];

/**
 * The outbound budget: tokens left in the bucket every instance shares (read from its store at scrape
 * time), and this instance's waits, grants, refusals and upstream 429s.
 */
@Injectable()
export class BudgetMetrics {
  private readonly logger = new Logger(BudgetMetrics.name);

  constructor(
    stats: UpstreamBudgetStats,
    @Inject(BUDGET_STORE) store: BudgetStore,
    registry: MetricsRegistry,
  ) {
    const logger = this.logger;
    registry.gauge({
      name: 'gateway_upstream_budget_tokens',
      help: "Tokens in the master token's shared bucket (negative while backing off); absent when its store fails.",
      async collect() {
        this.reset();
        try {
          this.set((await withinScrapeTimeout(store.state(), 'the budget store')).tokens);
        } catch (error) {
          logger.warn(`Could not read the upstream budget for /metrics: ${messageOf(error)}`);
        }
      },
    });
    registry.gauge({
      name: 'gateway_upstream_budget_waiting',
      help: 'Upstream calls of this instance waiting for a budget token now, by priority.',
      labelNames: ['priority'],
      collect() {
        const { waiting } = stats.snapshot();
        for (const priority of PRIORITIES) this.set({ priority }, waiting[priority]);
      },
    });
    const perPriority = (name: string, help: string, field: 'granted' | 'refused') =>
      registry.counter({
        name,
        help,
        labelNames: ['priority'],
        collect() {
          this.reset();
          const counts = stats.snapshot()[field];
          for (const priority of PRIORITIES) this.inc({ priority }, counts[priority]);
        },
      });
    perPriority('gateway_upstream_budget_granted_total', 'Budget tokens this instance obtained.', 'granted');
    perPriority(
      'gateway_upstream_budget_refused_total',
      'Upstream calls refused for lack of a budget token within their wait (503 upstream_busy).',
      'refused',
    );
    const total = (name: string, help: string, field: 'rateLimited' | 'storeErrors') =>
      registry.counter({
        name,
        help,
        collect() {
          this.reset();
          this.inc(stats.snapshot()[field]);
        },
      });
    total(
      'gateway_upstream_rate_limited_total',
      'Upstream 429 answers this instance received.',
      'rateLimited',
    );
    total(
      'gateway_upstream_budget_store_errors_total',
      "Failed attempts to reach the budget's store (Redis or PostgreSQL).",
      'storeErrors',
    );
  }
}
