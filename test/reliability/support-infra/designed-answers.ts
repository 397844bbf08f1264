import type { Sample } from './traffic';

/** `"200"`, or `"503 database_unavailable"` for an error: its status and envelope type. */
export function outcomeOf(sample: Sample): string {
  if (typeof sample.status !== 'number' || sample.status < 400) return String(sample.status);
  return `${sample.status} ${sample.body?.type ?? 'not-an-envelope'}`;
}

/**
 * Every answer that is not one of the designed outcomes of its label, and every error answer that is
 * not the gateway's envelope (with Retry-After on a 503): empty when the gateway behaved as documented.
 * A request that got no answer at all (a hang) or a refused connection is never designed.
 */
export function undesignedAnswers(samples: Sample[], designed: Record<string, string[]>): string[] {
  const problems = new Map<string, number>();
  const note = (problem: string) => problems.set(problem, (problems.get(problem) ?? 0) + 1);
  for (const sample of samples) {
    const outcome = outcomeOf(sample);
    if (!designed[sample.label]?.includes(outcome)) note(`${sample.phase} ${sample.label} ${outcome}`);
    if (typeof sample.status === 'number' && sample.status >= 400) {
      const envelope = sample.body;
      const isEnvelope =
        envelope?.status === sample.status &&
        envelope?.code === 0 &&
        typeof envelope?.message === 'string' &&
        typeof envelope?.requestId === 'string' &&
        !JSON.stringify(envelope).includes('    at ');
      if (!isEnvelope) note(`${sample.label} ${sample.status}: not the error envelope`);
      if (sample.status === 503 && !sample.headers?.get('retry-after'))
        note(`${outcome} without Retry-After`);
    }
  }
  return [...problems].map(([problem, times]) => `${problem} (x${times})`);
}
