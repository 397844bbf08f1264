import { Injectable } from '@nestjs/common';
import { StreamSkillClient } from '@app/streamskill';
import { HealthCheckResult, HealthIndicator, ReadinessCheck } from '../health-indicator';

/** Readiness polls every few seconds; the upstream's rate limit must not pay for each poll. */
export const UPSTREAM_PROBE_TTL_MS = 10_000;

interface CachedProbe {
  takenAt: number;
  result: Promise<HealthCheckResult>;
}

@ReadinessCheck()
@Injectable()
export class UpstreamHealthIndicator implements HealthIndicator {
  readonly name = 'upstream';
  private cached?: CachedProbe;

  constructor(private readonly client: StreamSkillClient) {}

  async check(): Promise<HealthCheckResult> {
    const now = Date.now();
    if (!this.cached || now - this.cached.takenAt >= UPSTREAM_PROBE_TTL_MS) {
      this.cached = { takenAt: now, result: this.probe() };
    }
    const result = await this.cached.result;
    return { ...result, ageMs: now - this.cached.takenAt };
  }

  private async probe(): Promise<HealthCheckResult> {
    const { reachable, status, latencyMs } = await this.client.probe();
    return reachable
      ? { status: 'ok', latencyMs, httpStatus: status }
      : { status: 'error', latencyMs, httpStatus: status, error: 'upstream unreachable' };
  }
}
