/**
 * Figures a suite measured (load, answers by status, recovery times) for the README's tables: on
 * stderr, apart from jest's own report and without console's stack-trace decoration. Reported,
 * never asserted.
 */
export function reportFigures(text: string): void {
  process.stderr.write(`${text}\n`);
}
