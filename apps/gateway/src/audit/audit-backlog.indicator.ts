import { Injectable } from '@nestjs/common';
import { HealthCheckResult, HealthIndicator, ReadinessCheck } from '../health/health-indicator';
import { AuditRecorder } from './audit-recorder.service';

/** Not ready while audit rows wait for the database: the operator must see that the trail has a gap. */
@ReadinessCheck()
@Injectable()
export class AuditBacklogIndicator implements HealthIndicator {
  readonly name = 'audit';

  constructor(private readonly recorder: AuditRecorder) {}

  async check(): Promise<HealthCheckResult> {
    const { backlogSize: backlog, dropped, writeFailures } = this.recorder;
    return backlog === 0
      ? { status: 'ok', backlog, dropped, writeFailures }
      : { status: 'error', backlog, dropped, writeFailures, error: 'audit rows are waiting to be written' };
  }
}
