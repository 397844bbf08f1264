import type { StreamSkillCallOptions } from './streamskill-client.options';
import {
  StreamSkillAbortedError,
  StreamSkillBudgetExhaustedError,
  type StreamSkillError,
} from './streamskill.errors';
import type { UpstreamBudget, UpstreamPriority } from './upstream-budget';

/** Seconds a caller is told to wait when the budget itself could not be consulted. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

/**
 * Waits for the outbound budget before a request goes out. Whatever goes wrong here, nothing was
 * sent: every failure comes out definite, so a purchase hold can be released.
 */
export class BudgetGate {
  constructor(
    private readonly budget: UpstreamBudget | undefined,
    private readonly waitMs: Record<UpstreamPriority, number>,
  ) {}

  async pass(endpoint: string, options: StreamSkillCallOptions): Promise<void> {
    if (!this.budget) return;
    const priority = options.priority ?? 'interactive';
    const deadlineMs = options.budgetWaitMs ?? this.waitMs[priority];
    try {
      await this.budget.acquire({
        priority,
        deadlineMs,
        endpoint,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      throw budgetFailure(error, endpoint, options.signal);
    }
  }
}

function budgetFailure(error: unknown, endpoint: string, signal?: AbortSignal): StreamSkillError {
  if (error instanceof StreamSkillBudgetExhaustedError) return error;
  if (signal?.aborted) {
    return new StreamSkillAbortedError({
      endpoint,
      type: 'aborted',
      message: `StreamSkill ${endpoint} aborted by the caller before it was sent`,
      outcome: 'definite',
    });
  }
  return new StreamSkillBudgetExhaustedError({
    endpoint,
    type: 'budget_unavailable',
    retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
    message: `StreamSkill ${endpoint} not sent: the outbound request budget could not be consulted`,
  });
}
