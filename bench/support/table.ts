export interface Row {
  scenario: string;
  requestsPerSecond?: number;
  p50?: number;
  p99?: number;
  /** CPU microseconds per request: the measured server, and the PostgreSQL backends. */
  serverCpu?: number;
  databaseCpu?: number;
  /** Free text: the ratio to the baseline, or the latency added. */
  comparison?: string;
  note?: string;
}

const HEADERS = [
  'scenario',
  'req/s',
  'p50 ms',
  'p99 ms',
  'server CPU µs/req',
  'PG CPU µs/req',
  'vs baseline',
  'note',
];

const fixed = (value: number | undefined, digits: number) =>
  value === undefined ? '' : value.toFixed(digits);
const whole = (value: number | undefined) =>
  value === undefined ? '' : Math.round(value).toLocaleString('en-US');

/** A Markdown table: readable in a terminal and pasted as is into bench/README.md. */
export function renderTable(rows: Row[]): string {
  const cells = rows.map((row) => [
    row.scenario,
    whole(row.requestsPerSecond),
    fixed(row.p50, 2),
    fixed(row.p99, 2),
    whole(row.serverCpu),
    whole(row.databaseCpu),
    row.comparison ?? '',
    row.note ?? '',
  ]);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...cells.map((cell) => cell[column].length)),
  );
  const line = (values: string[]) =>
    `| ${values.map((value, column) => value.padEnd(widths[column])).join(' | ')} |`;
  return [line(HEADERS), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
export const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;
export const signedMs = (ms: number) => `${ms >= 0 ? '+' : ''}${ms.toFixed(2)} ms`;
