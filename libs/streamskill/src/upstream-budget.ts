import type { RateLimitSnapshot } from './rate-limit';

/**
 * interactive: a customer or admin is waiting (creates, actions, admin catalog calls).
 * background: jobs (status sync, reconciler, catalog refresh) that may only use what is left.
 */
export type UpstreamPriority = 'interactive' | 'background';

export interface UpstreamBudgetRequest {
  priority: UpstreamPriority;
  /** How long the call may wait for a token before it is refused. */
  deadlineMs: number;
  /** "POST /purchases/create": method and path template. */
  endpoint: string;
  /** The caller's AbortSignal: stop waiting when it fires. */
  signal?: AbortSignal;
}

/**
 * The outbound request budget of the master token, shared by every client that uses the token.
 * The client asks it for a token before every upstream request (never for probe()).
 */
export interface UpstreamBudget {
  /**
   * Resolves when the request may be sent. Rejects with StreamSkillBudgetExhaustedError when no token
   * comes within `deadlineMs`; any other rejection counts as the budget being unavailable.
   */
  acquire(request: UpstreamBudgetRequest): Promise<void>;
  /** Told about every X-Rate-Limit-* snapshot and every 429, so that all instances can back off. */
  observeRateLimit?(snapshot: RateLimitSnapshot): void;
}
