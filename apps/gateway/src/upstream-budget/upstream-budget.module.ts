import { Module } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { GatewayConfig } from '../config/gateway-config';
import { budgetNamespace } from './budget-namespace';
import { GatewayUpstreamBudget } from './gateway-upstream-budget';
import { BUDGET_STORE, type BudgetStore } from './stores/budget-store';
import { PostgresBudgetStore } from './stores/postgres-budget.store';
import { RedisBudgetStore } from './stores/redis-budget.store';
import { BudgetStoreWarmup } from './budget-store.warmup';
import { UpstreamBudgetHealthIndicator } from './upstream-budget.indicator';
import { UpstreamBudgetStats } from './upstream-budget-stats';

/** Redis when REDIS_URL is set, else PostgreSQL: both are shared by every instance. */
function createBudgetStore(config: GatewayConfig, prisma: PrismaService): BudgetStore {
  const { baseUrl, token } = config.streamSkill;
  const namespace = budgetNamespace(baseUrl, token);
  const { burst, perSecond } = config.upstreamBudget;
  return config.redisUrl
    ? new RedisBudgetStore(config.redisUrl, namespace, { burst, perSecond })
    : new PostgresBudgetStore(prisma, namespace, { burst, perSecond });
}

/**
 * The outbound budget of the master token. app.module.ts hands GatewayUpstreamBudget to the
 * StreamSkill client, which consults it before every upstream request.
 */
@Module({
  providers: [
    { provide: BUDGET_STORE, inject: [GatewayConfig, PrismaService], useFactory: createBudgetStore },
    UpstreamBudgetStats,
    GatewayUpstreamBudget,
    UpstreamBudgetHealthIndicator,
    BudgetStoreWarmup,
  ],
  exports: [GatewayUpstreamBudget, UpstreamBudgetStats, BUDGET_STORE],
})
export class UpstreamBudgetModule {}
