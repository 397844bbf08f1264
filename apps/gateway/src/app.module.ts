import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { DatabaseModule } from '@app/database';
import { StreamSkillModule } from '@app/streamskill';
import { GatewayConfig } from './config/gateway-config';
import { GatewayConfigModule } from './config/gateway-config.module';
import { ErrorsModule } from './errors/errors.module';
import { HealthModule } from './health/health.module';
import { AccountModule } from './account/account.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CatalogModule } from './catalog/catalog.module';
import { CustomerCatalogModule } from './catalog/customer-catalog.module';
import { CustomersModule } from './customers/customers.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { LedgerModule } from './ledger/ledger.module';
import { PricingModule } from './pricing/pricing.module';
import { PurchasesModule } from './purchases/purchases.module';
import { ReconcilerModule } from './reconciler/reconciler.module';
import { StatusSyncModule } from './status-sync/status-sync.module';
import { AdminPurchasesModule } from './admin-purchases/admin-purchases.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { TenancyModule } from './tenancy/tenancy.module';
import { GatewayUpstreamBudget } from './upstream-budget/gateway-upstream-budget';
import { UpstreamBudgetModule } from './upstream-budget/upstream-budget.module';
import { GatewayLoggerModule } from './logging/logger.module';
import { MetricsModule } from './metrics/metrics.module';

export interface AppModuleOptions {
  config: GatewayConfig;
  logDestination?: DestinationStream;
  /** Feature modules, or test modules, added to the application. */
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule {
  static forRoot({ config, logDestination, imports = [] }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        GatewayConfigModule.forRoot(config),
        GatewayLoggerModule.forRoot(logDestination),
        ErrorsModule,
        DatabaseModule.forRootAsync({
          inject: [GatewayConfig],
          useFactory: ({ database }: GatewayConfig) => database,
        }),
        StreamSkillModule.forRootAsync({
          isGlobal: true,
          imports: [UpstreamBudgetModule],
          inject: [GatewayConfig, GatewayUpstreamBudget],
          useFactory: ({ streamSkill, upstreamBudget }: GatewayConfig, budget: GatewayUpstreamBudget) => ({
            ...streamSkill,
            budget,
            budgetWaitMs: upstreamBudget.waitMs,
            backgroundBudgetWaitMs: upstreamBudget.backgroundWaitMs,
          }),
        }),
        HealthModule,
        MetricsModule,
        AuditModule,
        AuthModule,
        RateLimitModule.forRoot(config),
        TenancyModule,
        CustomersModule,
        ApiKeysModule,
        AccountModule,
        IdempotencyModule,
        LedgerModule,
        CatalogModule,
        PricingModule,
        CustomerCatalogModule,
        PurchasesModule,
        ReconcilerModule,
        StatusSyncModule,
        AdminPurchasesModule,
        ...imports,
      ],
    };
  }
}
