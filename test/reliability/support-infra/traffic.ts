/** One answer (or the lack of one) of a request sent while the test was in `phase`. */
export interface Sample {
  phase: string;
  /** The phase when the answer came: a request sent during an outage may be served after it. */
  answeredIn?: string;
  label: string;
  /** HTTP status, or 'no-answer' when none came within the client timeout, 'refused' when nothing listened. */
  status: number | 'no-answer' | 'refused';
  body?: any;
  headers?: Headers;
}

export interface RequestSpec {
  label: string;
  method: string;
  path: string;
  key: string;
  body?: unknown;
}

/** Far above any designed answer (the budget waits 2 s, the pool 20 s): past it a request hung. */
export const CLIENT_TIMEOUT_MS = 45_000;

export async function send(baseUrl: string, spec: RequestSpec): Promise<Omit<Sample, 'phase'>> {
  try {
    const response = await fetch(`${baseUrl}${spec.path}`, {
      method: spec.method,
      headers: {
        ...(spec.key ? { authorization: `Bearer ${spec.key}` } : {}),
        ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: kept as text, which the envelope assertions then reject
    }
    return { label: spec.label, status: response.status, body, headers: response.headers };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return { label: spec.label, status: timedOut ? 'no-answer' : 'refused' };
  }
}

/**
 * Closed-loop load: each worker sends its next request as soon as the previous one is answered, and
 * every answer is recorded under the phase the test was in when the request was sent.
 */
export class Traffic {
  readonly samples: Sample[] = [];
  phase = 'before';
  private running = true;
  private readonly workers: Promise<void>[];

  constructor(workers: { baseUrl: string; next: () => RequestSpec }[]) {
    this.workers = workers.map((worker) => this.loop(worker.baseUrl, worker.next));
  }

  /** Resolves once `count` more answers have come in. */
  async answered(count: number): Promise<void> {
    const target = this.samples.length + count;
    while (this.running && this.samples.length < target) await new Promise((r) => setTimeout(r, 20));
  }

  async stop(): Promise<Sample[]> {
    this.running = false;
    await Promise.all(this.workers);
    return this.samples;
  }

  inPhase(phase: string): Sample[] {
    return this.samples.filter((sample) => sample.phase === phase);
  }

  /** The tally of each phase, in the order given. */
  byPhase(phases: string[]): Record<string, Record<string, number>> {
    return Object.fromEntries(phases.map((phase) => [phase, tally(this.inPhase(phase))]));
  }

  /** Sent and answered in this phase. */
  withinPhase(phase: string): Sample[] {
    return this.samples.filter((sample) => sample.phase === phase && sample.answeredIn === phase);
  }

  private async loop(baseUrl: string, next: () => RequestSpec): Promise<void> {
    while (this.running) {
      const phase = this.phase;
      const sample = await send(baseUrl, next());
      this.samples.push({ phase, answeredIn: this.phase, ...sample });
    }
  }
}

/** `{ "create 200": 12, "read 503 database_unavailable": 3, ... }` */
export function tally(samples: Sample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { label, status, body } of samples) {
    const type = typeof status === 'number' && status >= 400 ? ` ${body?.type ?? 'not-an-envelope'}` : '';
    const key = `${label} ${status}${type}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
