import type { FieldErrors } from '@app/common';
import type { RateLimitSnapshot } from './rate-limit';

/**
 * definite: StreamSkill answered and nothing happened (a 4xx), or nothing was sent at all.
 * ambiguous: the request may have taken effect upstream (timeout, reset, 5xx, unreadable 2xx):
 * never repeat a write on it blindly, reconcile instead.
 */
export type StreamSkillOutcome = 'definite' | 'ambiguous';

export type StreamSkillErrorKind =
  | 'http'
  | 'timeout'
  | 'network'
  | 'unreachable'
  | 'aborted'
  | 'malformed_response'
  | 'invalid_request'
  | 'budget_exhausted';

export interface StreamSkillErrorDetails {
  kind: StreamSkillErrorKind;
  outcome: StreamSkillOutcome;
  /** Method and path template, e.g. "POST /purchases/{orderId}/start". */
  endpoint: string;
  /** StreamSkill's `type` for HTTP errors (e.g. "validate_exception"); a client-side label otherwise. */
  type: string;
  message: string;
  status?: number;
  upstreamName?: string;
  fieldErrors?: FieldErrors;
  retryAfterSeconds?: number;
  rateLimit?: RateLimitSnapshot;
  /** Node's error code for transport failures (ECONNREFUSED, ECONNRESET...). */
  code?: string;
  timeoutMs?: number;
}

const OPTIONAL_FIELDS = [
  'status',
  'upstreamName',
  'fieldErrors',
  'retryAfterSeconds',
  'rateLimit',
  'code',
  'timeoutMs',
] as const;

/**
 * Base of every failure the client reports. Built only from sanitised details: it never holds the
 * axios error, the request config or headers, so the master token cannot leak through it.
 */
export class StreamSkillError extends Error {
  readonly kind: StreamSkillErrorKind;
  readonly outcome: StreamSkillOutcome;
  readonly endpoint: string;
  readonly type: string;
  declare readonly status?: number;
  declare readonly upstreamName?: string;
  declare readonly fieldErrors?: FieldErrors;
  declare readonly retryAfterSeconds?: number;
  declare readonly rateLimit?: RateLimitSnapshot;
  declare readonly code?: string;
  declare readonly timeoutMs?: number;

  constructor(details: StreamSkillErrorDetails) {
    super(details.message);
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true });
    this.kind = details.kind;
    this.outcome = details.outcome;
    this.endpoint = details.endpoint;
    this.type = details.type;
    for (const field of OPTIONAL_FIELDS) {
      if (details[field] !== undefined) Object.assign(this, { [field]: details[field] });
    }
  }

  get isDefinite(): boolean {
    return this.outcome === 'definite';
  }

  get isAmbiguous(): boolean {
    return this.outcome === 'ambiguous';
  }

  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      kind: this.kind,
      outcome: this.outcome,
      endpoint: this.endpoint,
      type: this.type,
      message: this.message,
    };
    for (const field of OPTIONAL_FIELDS) {
      if (this[field] !== undefined) json[field] = this[field];
    }
    return json;
  }
}

type Specific<K extends StreamSkillErrorKind> = Omit<StreamSkillErrorDetails, 'kind' | 'outcome'> & {
  kind?: K;
};

/** StreamSkill answered with a non-2xx status: 4xx is definite, anything else ambiguous. */
export class StreamSkillHttpError extends StreamSkillError {
  declare readonly status: number;

  constructor(details: Specific<'http'> & { status: number }) {
    const definite = details.status >= 400 && details.status < 500;
    super({ ...details, kind: 'http', outcome: definite ? 'definite' : 'ambiguous' });
  }
}

/** 429: definite; `retryAfterSeconds` comes from Retry-After or X-Rate-Limit-Reset when present. */
export class StreamSkillRateLimitError extends StreamSkillHttpError {}

/** No complete answer within the deadline: the request may have been processed. */
export class StreamSkillTimeoutError extends StreamSkillError {
  declare readonly timeoutMs: number;

  constructor(details: Specific<'timeout'> & { timeoutMs: number }) {
    super({ ...details, kind: 'timeout', outcome: 'ambiguous' });
  }
}

/**
 * Transport failure. kind 'unreachable' (definite) when the connection could not be opened, so
 * nothing was sent (refused, DNS failure, unroutable); kind 'network' (ambiguous) when it broke
 * after the request may have gone out (reset, hang-up).
 */
export class StreamSkillNetworkError extends StreamSkillError {
  constructor(details: Specific<'network' | 'unreachable'>) {
    const kind = details.kind ?? 'network';
    super({ ...details, kind, outcome: kind === 'unreachable' ? 'definite' : 'ambiguous' });
  }
}

/** The caller's AbortSignal fired: ambiguous once the request may have been sent, definite before. */
export class StreamSkillAbortedError extends StreamSkillError {
  constructor(details: Specific<'aborted'> & { outcome?: StreamSkillOutcome }) {
    super({ ...details, kind: 'aborted', outcome: details.outcome ?? 'ambiguous' });
  }
}

/** A 2xx whose body is not JSON or not the expected shape: something happened, we cannot tell what. */
export class StreamSkillMalformedResponseError extends StreamSkillError {
  constructor(details: Specific<'malformed_response'>) {
    super({ ...details, kind: 'malformed_response', outcome: 'ambiguous' });
  }
}

/** Rejected by the client before sending (e.g. more than 100 ids): definite, nothing was sent. */
export class StreamSkillRequestError extends StreamSkillError {
  constructor(details: Specific<'invalid_request'>) {
    super({ ...details, kind: 'invalid_request', outcome: 'definite' });
  }
}

/**
 * The outbound budget gave no token within the call's deadline (type `budget_exhausted`), or could not
 * be consulted (type `budget_unavailable`): definite, nothing was sent. `retryAfterSeconds` is when
 * a token is expected.
 */
export class StreamSkillBudgetExhaustedError extends StreamSkillError {
  declare readonly retryAfterSeconds: number;

  constructor(details: Specific<'budget_exhausted'> & { retryAfterSeconds: number }) {
    super({ ...details, kind: 'budget_exhausted', outcome: 'definite' });
  }
}

export function isStreamSkillError(value: unknown): value is StreamSkillError {
  return value instanceof StreamSkillError;
}
