export type AuditActorType = 'key' | 'admin' | 'job' | 'anonymous';
export type AuditOutcome = 'success' | 'failure';

/** What callers record; sequence, time and hashes are added by the writer. */
export interface AuditEntry {
  actorType: AuditActorType;
  actorId?: string | null;
  actorCustomerId?: string | null;
  customerId?: string | null;
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  httpStatus?: number | null;
  requestId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown> | null;
  /** When it happened; set by the recorder, so that a row written late by a retry keeps its time. */
  occurredAt?: Date;
}
