import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '../audit/audit-recorder.service';
import { MetricsRegistry } from './metrics-registry';

/** The audit recorder's counters, read when Prometheus scrapes. */
@Injectable()
export class AuditMetrics {
  constructor(recorder: AuditRecorder, registry: MetricsRegistry) {
    registry.counter({
      name: 'gateway_audit_write_failures_total',
      help: 'Audit rows whose write failed (each is kept in the backlog and retried).',
      collect() {
        this.reset();
        this.inc(recorder.writeFailures);
      },
    });
    registry.gauge({
      name: 'gateway_audit_backlog',
      help: 'Audit rows waiting in memory to be written (the instance is not ready meanwhile).',
      collect() {
        this.set(recorder.backlogSize);
      },
    });
    registry.counter({
      name: 'gateway_audit_dropped_total',
      help: 'Audit rows dropped because the backlog was full: gaps in the trail.',
      collect() {
        this.reset();
        this.inc(recorder.dropped);
      },
    });
  }
}
