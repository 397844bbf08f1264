import { DiscoveryService } from '@nestjs/core';

/** `degraded`: the dependency is down but the instance still serves (e.g. Redis: local rate limits). */
export type CheckStatus = 'ok' | 'degraded' | 'error';

export interface HealthCheckResult {
  status: CheckStatus;
  latencyMs?: number;
  /** A short public reason when the check fails; details go to the log, not to the caller. */
  error?: string;
  [detail: string]: unknown;
}

/**
 * One dependency readiness depends on. To add one (Redis, upstream budget...), write an injectable
 * class implementing this interface, decorate it with @ReadinessCheck() and provide it in any module:
 * GET /v1/health/ready discovers it at boot.
 */
export interface HealthIndicator {
  /** The key of this check in the readiness report. */
  readonly name: string;
  /** How long the check may take before it counts as failed; defaults to DEFAULT_CHECK_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  check(): Promise<HealthCheckResult>;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 3_000;

export const ReadinessCheck = DiscoveryService.createDecorator<void>();
