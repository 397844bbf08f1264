import { Logger } from '@nestjs/common';
import { AuditEntry } from './audit-entry';
import { AuditLogWriter } from './audit-log.writer';
import { AuditRecorder } from './audit-recorder.service';

class FlakyWriter {
  failing = true;
  readonly written: AuditEntry[] = [];
  inFlight = 0;
  mostInFlight = 0;

  async append(entry: AuditEntry): Promise<bigint> {
    this.mostInFlight = Math.max(this.mostInFlight, ++this.inFlight);
    await Promise.resolve();
    this.inFlight--;
    if (this.failing) throw new Error('database down');
    this.written.push(entry);
    return BigInt(this.written.length);
  }
}

const entry = (i: number): AuditEntry => ({ actorType: 'job', action: `test.${i}`, outcome: 'success' });

describe('AuditRecorder', () => {
  let writer: FlakyWriter;
  let recorder: AuditRecorder;

  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));

  beforeEach(() => {
    writer = new FlakyWriter();
    recorder = new AuditRecorder(writer as unknown as AuditLogWriter);
  });

  it('never throws, counts each failure and keeps the rows, dated when recorded', async () => {
    const before = Date.now();
    await expect(recorder.record(entry(1))).resolves.toBeUndefined();
    await expect(recorder.record(entry(2))).resolves.toBeUndefined();
    expect(recorder.writeFailures).toBe(2);
    expect(recorder.backlogSize).toBe(2);

    writer.failing = false;
    await recorder.drain();
    expect(recorder.backlogSize).toBe(0);
    expect(writer.written.map((row) => row.action)).toEqual(['test.1', 'test.2']);
    expect(writer.written[0].occurredAt!.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('keeps the backlog while the database still fails', async () => {
    await recorder.record(entry(1));
    await recorder.drain();
    expect(recorder.backlogSize).toBe(1);
  });

  it('is bounded: past 10,000 rows the oldest are dropped and counted', async () => {
    for (let i = 0; i < 10_003; i++) await recorder.record(entry(i));
    expect(recorder.backlogSize).toBe(10_000);
    expect(recorder.dropped).toBe(3);
    writer.failing = false;
    await recorder.drain();
    expect(writer.written[0].action).toBe('test.3');
  });

  it('hands the backlog to the writer many rows at a time, in order, so that it can batch them', async () => {
    for (let i = 0; i < 500; i++) await recorder.record(entry(i));
    writer.failing = false;
    writer.mostInFlight = 0;
    await recorder.drain();
    expect(recorder.backlogSize).toBe(0);
    expect(writer.mostInFlight).toBeGreaterThan(1);
    expect(writer.written.map((row) => row.action)).toEqual(
      Array.from({ length: 500 }, (_, i) => `test.${i}`),
    );
  });
});
