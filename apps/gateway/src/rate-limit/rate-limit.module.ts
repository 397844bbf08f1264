import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import { AUTH_RATE_LIMITER } from '../auth/auth-rate-limiter';
import { GatewayConfig } from '../config/gateway-config';
import { AuthFailureLimiter } from './auth-failure.limiter';
import { GatewayThrottlerGuard } from './gateway-throttler.guard';
import { InboundRateLimiter } from './inbound-rate-limiter';
import { counterKey, limitThrottlers } from './limits/limit-windows';
import { RequestLimitsResolver } from './limits/request-limits.resolver';
import { CustomerPlanLimits } from './plans/customer-plan-limits';
import { RateLimitPlansController } from './plans/rate-limit-plans.controller';
import { RateLimitPlansService } from './plans/rate-limit-plans.service';
import { RateLimitMetrics } from './rate-limit-metrics';
import { RateLimitStorageModule } from './rate-limit-storage.module';
import { RATE_LIMIT_STORAGE } from './storage/rate-limit-storage';
import { RedisOutagePolicy } from './storage/redis-outage.policy';

/**
 * Inbound rate limiting (see README.md): provides the auth guard's AUTH_RATE_LIMITER, the plan admin
 * routes, and RateLimitPlansService for whoever shows a customer's limits. Global for those two.
 */
@Module({})
export class RateLimitModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const storage = RateLimitStorageModule.forRoot(config);
    return {
      module: RateLimitModule,
      global: true,
      imports: [
        storage,
        ThrottlerModule.forRootAsync({
          imports: [storage],
          inject: [RATE_LIMIT_STORAGE],
          useFactory: (shared: ThrottlerStorage): ThrottlerModuleOptions => ({
            throttlers: limitThrottlers(),
            storage: shared,
            generateKey: counterKey,
            setHeaders: false,
          }),
        }),
      ],
      controllers: [RateLimitPlansController],
      providers: [
        RateLimitMetrics,
        RedisOutagePolicy,
        RateLimitPlansService,
        CustomerPlanLimits,
        RequestLimitsResolver,
        GatewayThrottlerGuard,
        AuthFailureLimiter,
        InboundRateLimiter,
        { provide: AUTH_RATE_LIMITER, useExisting: InboundRateLimiter },
      ],
      exports: [AUTH_RATE_LIMITER, RateLimitPlansService],
    };
  }
}
