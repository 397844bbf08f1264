import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AuditEntry } from './audit-entry';
import { AuditLogWriter } from './audit-log.writer';

const RETRY_INTERVAL_MS = 5_000;
const MAX_BACKLOG = 10_000;
const DRAIN_CHUNK = 200;

/**
 * Writes audit rows. A failed write never changes the HTTP answer (the operation it records has
 * already happened or failed on its own): the row is kept in a bounded in-memory backlog and retried,
 * the failure is logged and counted, and readiness reports the backlog until it drains.
 */
@Injectable()
export class AuditRecorder implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AuditRecorder.name);
  private readonly backlog: AuditEntry[] = [];
  private timer?: NodeJS.Timeout;
  private draining = false;
  writeFailures = 0;
  dropped = 0;

  constructor(private readonly writer: AuditLogWriter) {}

  get backlogSize(): number {
    return this.backlog.length;
  }

  async record(input: AuditEntry): Promise<void> {
    const entry = { ...input, occurredAt: input.occurredAt ?? new Date() };
    try {
      await this.writer.append(entry);
    } catch (error) {
      this.writeFailures++;
      this.logger.error(
        { err: error, action: entry.action, requestId: entry.requestId },
        'Audit write failed; the row is kept for retry',
      );
      this.keep(entry);
    }
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.drain(), RETRY_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.drain();
    if (this.backlog.length)
      this.logger.error(`${this.backlog.length} audit rows could not be written before shutdown`);
  }

  async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.backlog.length) {
        // Handed over together, in order, so that the writer batches them: one row per transaction
        // behind the live traffic kept readiness failing long after the database was back.
        const chunk = this.backlog.slice(0, DRAIN_CHUNK);
        const results = await Promise.allSettled(chunk.map((entry) => this.writer.append(entry)));
        const failed = chunk.filter((_, index) => results[index].status === 'rejected');
        this.backlog.splice(0, chunk.length, ...failed);
        // Still failing: keep the rows and try again on the next tick.
        if (failed.length) return;
      }
    } finally {
      this.draining = false;
    }
  }

  private keep(entry: AuditEntry): void {
    if (this.backlog.length >= MAX_BACKLOG) {
      this.backlog.shift();
      this.dropped++;
    }
    this.backlog.push(entry);
  }
}
