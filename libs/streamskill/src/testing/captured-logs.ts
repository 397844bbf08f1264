import { Logger, type LoggerService } from '@nestjs/common';

/** Routes every Nest Logger line into an array (and out of the test output) until restore(). */
export function captureLogs(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (message: unknown, ...rest: unknown[]) => {
      lines.push(
        [level, message, ...rest]
          .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
          .join(' '),
      );
    };
  const sink: LoggerService = {
    log: record('log'),
    error: record('error'),
    warn: record('warn'),
    debug: record('debug'),
    verbose: record('verbose'),
    fatal: record('fatal'),
  };
  Logger.overrideLogger(sink);
  return { lines, restore: () => Logger.overrideLogger(false) };
}
