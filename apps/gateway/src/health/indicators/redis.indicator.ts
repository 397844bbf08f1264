import { Injectable } from '@nestjs/common';
import { RedisConnection } from '../../redis/redis-connection';
import { HealthCheckResult, HealthIndicator, ReadinessCheck } from '../health-indicator';

/**
 * A PING to Redis. Unreachable is `degraded`, not `error`: every instance shares the one Redis, so
 * failing readiness would take them all out of the load balancer at once, while they can still serve
 * with their own in-memory rate limits (see rate-limit/README.md).
 */
@ReadinessCheck()
@Injectable()
export class RedisHealthIndicator implements HealthIndicator {
  readonly name = 'redis';
  readonly timeoutMs = 2_000;

  constructor(private readonly redis: RedisConnection) {}

  async check(): Promise<HealthCheckResult> {
    const startedAt = performance.now();
    try {
      await this.redis.client.ping();
      return { status: 'ok', latencyMs: Math.round(performance.now() - startedAt) };
    } catch {
      return { status: 'degraded', error: 'redis unreachable' };
    }
  }
}
