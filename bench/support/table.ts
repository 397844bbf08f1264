export interface Row {
  scenario: string;
  requestsPerSecond?: number;
  p50?: number;
  p99?: number;
  /** Free text: the ratio to the baseline, or the latency added. */
  comparison?: string;
  note?: string;
}

const HEADERS = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'vs baseline', 'note'];

/** A Markdown table: readable in a terminal and pasted as is into bench/README.md. */
export function renderTable(rows: Row[]): string {
  const cells = rows.map((row) => [
    row.scenario,
    row.requestsPerSecond === undefined ? '' : Math.round(row.requestsPerSecond).toLocaleString('en-US'),
    row.p50 === undefined ? '' : row.p50.toFixed(2),
    row.p99 === undefined ? '' : row.p99.toFixed(2),
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
