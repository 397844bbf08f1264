import { DynamicModule, Module, Provider } from '@nestjs/common';
import { GatewayConfig } from '../config/gateway-config';
import { RedisConnection } from '../redis/redis-connection';
import { RedisModule } from '../redis/redis.module';
import { MemoryThrottlerStorage } from './storage/memory-throttler.storage';
import { RATE_LIMIT_STORAGE } from './storage/rate-limit-storage';
import { RedisThrottlerStorage } from './storage/redis-throttler.storage';

/**
 * The counters: in Redis when REDIS_URL is set (shared by every instance), else in memory. The memory
 * storage exists in both cases: it is also where requests are counted while Redis is unreachable.
 */
@Module({})
export class RateLimitStorageModule {
  static forRoot({ redisUrl, rateLimit }: GatewayConfig): DynamicModule {
    const memory: Provider = {
      provide: MemoryThrottlerStorage,
      useFactory: () => new MemoryThrottlerStorage(),
    };
    if (!redisUrl) {
      return {
        module: RateLimitStorageModule,
        providers: [memory, { provide: RATE_LIMIT_STORAGE, useExisting: MemoryThrottlerStorage }],
        exports: [MemoryThrottlerStorage, RATE_LIMIT_STORAGE],
      };
    }
    return {
      module: RateLimitStorageModule,
      imports: [RedisModule.forRoot({ url: redisUrl, commandTimeoutMs: rateLimit.redisTimeoutMs })],
      providers: [
        memory,
        {
          provide: RATE_LIMIT_STORAGE,
          inject: [RedisConnection],
          useFactory: (redis: RedisConnection) =>
            new RedisThrottlerStorage(redis.client, rateLimit.redisPrefix),
        },
      ],
      exports: [MemoryThrottlerStorage, RATE_LIMIT_STORAGE],
    };
  }
}
