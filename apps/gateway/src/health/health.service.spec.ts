import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { getLoggerToken } from 'nestjs-pino';
import { HealthCheckResult, HealthIndicator, ReadinessCheck } from './health-indicator';
import { HealthService } from './health.service';

@ReadinessCheck()
@Injectable()
class PassingIndicator implements HealthIndicator {
  readonly name = 'passing';
  async check(): Promise<HealthCheckResult> {
    return { status: 'ok', latencyMs: 1 };
  }
}

@ReadinessCheck()
@Injectable()
class ThrowingIndicator implements HealthIndicator {
  readonly name = 'throwing';
  async check(): Promise<HealthCheckResult> {
    throw new Error('connect ECONNREFUSED 10.0.0.5:6379');
  }
}

@ReadinessCheck()
@Injectable()
class HangingIndicator implements HealthIndicator {
  readonly name = 'hanging';
  readonly timeoutMs = 5;
  check(): Promise<HealthCheckResult> {
    return new Promise(() => undefined);
  }
}

/** Indicators live in a feature module of their own, as later ones (Redis, budget) will. */
@Module({ providers: [PassingIndicator, ThrowingIndicator, HangingIndicator] })
class FeatureModule {}

async function healthService(...features: Array<new () => unknown>): Promise<HealthService> {
  const logger = { warn: jest.fn() };
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule, ...features],
    providers: [HealthService, { provide: getLoggerToken(HealthService.name), useValue: logger }],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(HealthService);
}

describe('HealthService', () => {
  it('discovers every @ReadinessCheck() provider of the application', async () => {
    const health = await healthService(FeatureModule);
    expect(health.indicatorNames.sort()).toEqual(['hanging', 'passing', 'throwing']);
  });

  it('reports each check and fails when one fails, without leaking the reason', async () => {
    const report = await (await healthService(FeatureModule)).readiness();
    expect(report.status).toBe('error');
    expect(report.checks.passing).toEqual({ status: 'ok', latencyMs: 1 });
    expect(report.checks.throwing).toEqual({ status: 'error', error: 'check failed' });
    expect(report.checks.hanging).toEqual({ status: 'error', error: 'timed out after 5 ms' });
  });

  it('is degraded, not failing, when a check is degraded and none fails', async () => {
    @ReadinessCheck()
    @Injectable()
    class DegradedIndicator implements HealthIndicator {
      readonly name = 'degraded';
      async check(): Promise<HealthCheckResult> {
        return { status: 'degraded', error: 'redis unreachable' };
      }
    }
    @Module({ providers: [PassingIndicator, DegradedIndicator] })
    class DegradedModule {}
    expect((await (await healthService(DegradedModule)).readiness()).status).toBe('degraded');
    @Module({ providers: [DegradedIndicator, ThrowingIndicator] })
    class FailingModule {}
    expect((await (await healthService(FailingModule)).readiness()).status).toBe('error');
  });

  it('is ok when every check passes', async () => {
    @Module({ providers: [PassingIndicator] })
    class HealthyModule {}
    expect(await (await healthService(HealthyModule)).readiness()).toEqual({
      status: 'ok',
      checks: { passing: { status: 'ok', latencyMs: 1 } },
    });
  });
});
