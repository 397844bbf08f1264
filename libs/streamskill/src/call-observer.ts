import type { StreamSkillErrorKind } from './streamskill.errors';
import type { UpstreamPriority } from './upstream-budget';

/** How one call ended: `ok`, the kind of the StreamSkillError it threw, or `failed` (anything else). */
export type UpstreamCallOutcome = 'ok' | StreamSkillErrorKind | 'failed';

/** One finished call, as told to `onCall` listeners: no URL, token or body, only the template. */
export interface UpstreamCallReport {
  /** Method and path template, e.g. "POST /purchases/create". */
  endpoint: string;
  outcome: UpstreamCallOutcome;
  /** The HTTP status when StreamSkill answered. */
  status?: number;
  priority: UpstreamPriority;
  /** Whether the request went out (false: refused by the budget, a guard, or aborted first). */
  sent: boolean;
  /** Time spent waiting for the outbound budget. */
  budgetWaitMs: number;
  /** Time from sending to the answer (or failure); 0 when nothing was sent. */
  durationMs: number;
}

export type UpstreamCallListener = (report: UpstreamCallReport) => void;

/** Fans every finished call out to its listeners; a throwing listener never breaks the call. */
export class CallObserver {
  private readonly listeners = new Set<UpstreamCallListener>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  subscribe(listener: UpstreamCallListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  record(report: UpstreamCallReport): void {
    for (const listener of this.listeners) {
      try {
        listener(report);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
