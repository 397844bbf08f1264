import { Global, Module } from '@nestjs/common';
import { UpstreamBudgetModule } from '../upstream-budget/upstream-budget.module';
import { AuditMetrics } from './audit-metrics';
import { BudgetMetrics } from './budget-metrics';
import { HttpMetricsHook } from './http-metrics.hook';
import { LedgerMetrics } from './ledger-metrics';
import { LedgerStateQuery } from './ledger-state.query';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics-registry';
import { MetricsTokenGuard } from './metrics-token.guard';
import { UpstreamMetrics } from './upstream-metrics';

/**
 * Prometheus metrics at GET /metrics. Global: any feature may inject MetricsRegistry and add its own
 * series (rate limiting does).
 */
@Global()
@Module({
  imports: [UpstreamBudgetModule],
  controllers: [MetricsController],
  providers: [
    { provide: MetricsRegistry, useFactory: () => MetricsRegistry.create() },
    MetricsTokenGuard,
    HttpMetricsHook,
    UpstreamMetrics,
    BudgetMetrics,
    AuditMetrics,
    LedgerStateQuery,
    LedgerMetrics,
  ],
  exports: [MetricsRegistry, HttpMetricsHook],
})
export class MetricsModule {}
