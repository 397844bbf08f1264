/**
 * The manual online chart of edit-twitch-viewers: minute -> viewers, at least 2 points, the first at
 * minute 0, the last (the chart's length) between 10 and 180 minutes.
 */
export function manualChartProblems(chart: unknown): string[] {
  if (!chart || typeof chart !== 'object' || Array.isArray(chart)) return ['manual_chart must be an object'];
  const entries = Object.entries(chart as Record<string, unknown>);
  const problems: string[] = [];
  if (entries.some(([minute]) => !/^\d+$/.test(minute)))
    problems.push('manual_chart keys must be whole minutes');
  if (entries.some(([, viewers]) => !Number.isInteger(viewers) || (viewers as number) < 0)) {
    problems.push('manual_chart values must be integers >= 0');
  }
  if (problems.length) return problems;
  const minutes = entries.map(([minute]) => Number(minute));
  if (minutes.length < 2) problems.push('manual_chart must contain at least 2 points');
  if (!minutes.includes(0)) problems.push('manual_chart must start at minute 0');
  const length = Math.max(...minutes);
  if (length < 10 || length > 180) problems.push('manual_chart must last between 10 and 180 minutes');
  return problems;
}
