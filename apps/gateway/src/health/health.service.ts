import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import {
  CheckStatus,
  DEFAULT_CHECK_TIMEOUT_MS,
  HealthCheckResult,
  HealthIndicator,
  ReadinessCheck,
} from './health-indicator';

export interface ReadinessReport {
  status: CheckStatus;
  checks: Record<string, HealthCheckResult>;
}

/** Runs every @ReadinessCheck() indicator in parallel, each under its own timeout. */
@Injectable()
export class HealthService implements OnModuleInit {
  private indicators: HealthIndicator[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    @InjectPinoLogger(HealthService.name) private readonly logger: PinoLogger,
  ) {}

  onModuleInit(): void {
    const discovered = this.discovery
      .getProviders({ metadataKey: ReadinessCheck.KEY })
      .map((wrapper) => wrapper.instance as HealthIndicator | undefined)
      .filter((indicator): indicator is HealthIndicator => typeof indicator?.check === 'function');
    this.indicators = [...new Map(discovered.map((indicator) => [indicator.name, indicator])).values()];
  }

  get indicatorNames(): string[] {
    return this.indicators.map((indicator) => indicator.name);
  }

  async readiness(): Promise<ReadinessReport> {
    const results = await Promise.all(this.indicators.map((indicator) => this.run(indicator)));
    const checks = Object.fromEntries(
      this.indicators.map((indicator, index) => [indicator.name, results[index]]),
    );
    return { status: overallStatus(results), checks };
  }

  private async run(indicator: HealthIndicator): Promise<HealthCheckResult> {
    const timeoutMs = indicator.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<HealthCheckResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ status: 'error', error: `timed out after ${timeoutMs} ms` }),
        timeoutMs,
      );
    });
    try {
      const result = await Promise.race([indicator.check(), timeout]);
      if (result.status !== 'ok')
        this.logger.warn({ check: indicator.name, result }, 'Readiness check failed');
      return result;
    } catch (error) {
      this.logger.warn({ check: indicator.name, err: error }, 'Readiness check failed');
      return { status: 'error', error: 'check failed' };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** One failing check fails readiness; a degraded one only shows in the report. */
function overallStatus(results: HealthCheckResult[]): CheckStatus {
  if (results.some((result) => result.status === 'error')) return 'error';
  return results.some((result) => result.status === 'degraded') ? 'degraded' : 'ok';
}
