import { DynamicModule, Module } from '@nestjs/common';
import { RedisHealthIndicator } from '../health/indicators/redis.indicator';
import { RedisConnection, RedisConnectionOptions } from './redis-connection';

/** The shared Redis client and its readiness check; imported only when REDIS_URL is set. */
@Module({})
export class RedisModule {
  static forRoot(options: RedisConnectionOptions): DynamicModule {
    return {
      module: RedisModule,
      global: true,
      providers: [
        { provide: RedisConnection, useFactory: () => new RedisConnection(options) },
        RedisHealthIndicator,
      ],
      exports: [RedisConnection],
    };
  }
}
