import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { HealthCheckResult, HealthIndicator, ReadinessCheck } from '../health-indicator';

/** A `SELECT 1` round trip through the pool the requests use. */
@ReadinessCheck()
@Injectable()
export class DatabaseHealthIndicator implements HealthIndicator {
  readonly name = 'database';
  readonly timeoutMs = 2_000;

  constructor(private readonly prisma: PrismaService) {}

  async check(): Promise<HealthCheckResult> {
    const startedAt = performance.now();
    await this.prisma.$queryRaw`SELECT 1`;
    return { status: 'ok', latencyMs: Math.round(performance.now() - startedAt) };
  }
}
