export interface BucketLimits {
  burst: number;
  perSecond: number;
}

export interface TakeRequest {
  /** Tokens the shared bucket must hold for this take: one, plus what must stay behind. */
  minTokens: number;
  /** The customer whose own bucket must also give a token (interactive calls during a request). */
  customer?: {
    id: string;
    limits: BucketLimits;
    /** minTokens instead, while the customer's own bucket is below half: it has been busy. */
    busyMinTokens: number;
  };
}

export type DenialReason = 'backoff' | 'tokens' | 'customer';

export type TakeResult =
  | { granted: true; tokens: number }
  | { granted: false; reason: DenialReason; /** Earliest moment a retry can succeed. */ waitMs: number };

export interface BudgetState {
  /** Tokens in the shared bucket now (fractional; negative while backing off). */
  tokens: number;
  /** Milliseconds left of an upstream 429 backoff; 0 when none. */
  backoffMs: number;
  /** Upstream 429s reported by every instance sharing the bucket. */
  rateLimitedTotal: number;
}

export type BudgetBackend = 'redis' | 'postgres';

/**
 * Where the master token's bucket lives, shared by every instance. Each take is atomic: the shared
 * bucket and the customer's are checked and decremented together, or not at all.
 */
export interface BudgetStore {
  readonly backend: BudgetBackend;
  take(request: TakeRequest): Promise<TakeResult>;
  /** After an upstream 429: nothing is handed out for `delayMs`, then the bucket restarts nearly empty. */
  backOff(delayMs: number): Promise<void>;
  state(): Promise<BudgetState>;
}

export const BUDGET_STORE = Symbol('BUDGET_STORE');
