import type { DestinationStream } from 'pino';

export type LogEntry = Record<string, unknown> & { msg?: string; requestId?: string };

/** A pino destination that keeps every JSON line in memory. */
export class LogCapture implements DestinationStream {
  readonly lines: string[] = [];

  write(chunk: string): void {
    this.lines.push(...chunk.split('\n').filter((line) => line !== ''));
  }

  get entries(): LogEntry[] {
    return this.lines.map((line) => JSON.parse(line) as LogEntry);
  }

  /** Lines written while serving the request the id names (pino-http binds it to each of them). */
  forRequest(requestId: string): LogEntry[] {
    return this.entries.filter((entry) => JSON.stringify(entry).includes(requestId));
  }
}
