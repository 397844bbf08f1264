/** Upstream rate-limit state as last reported by StreamSkill's X-Rate-Limit-* headers. */
export interface RateLimitSnapshot {
  limit?: number;
  remaining?: number;
  /** Seconds until the bucket/window resets, as sent (an absolute epoch value is converted). */
  resetSeconds?: number;
  /** Epoch milliseconds when the response carrying the headers arrived. */
  observedAt: number;
  /** The call whose response carried the headers, e.g. "GET /purchases". */
  endpoint: string;
  status: number;
}

export type RateLimitListener = (snapshot: RateLimitSnapshot) => void;

type HeaderBag = Record<string, unknown>;

// Anything this large is a Unix timestamp, not a delay: the docs disagree on what Reset means.
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

export function parseRateLimit(
  headers: HeaderBag,
  context: { endpoint: string; status: number; now: number },
): RateLimitSnapshot | undefined {
  const limit = headerInteger(headers, 'x-rate-limit-limit');
  const remaining = headerInteger(headers, 'x-rate-limit-remaining');
  let resetSeconds = headerInteger(headers, 'x-rate-limit-reset');
  if (limit === undefined && remaining === undefined && resetSeconds === undefined) return undefined;
  if (resetSeconds !== undefined && resetSeconds > EPOCH_SECONDS_THRESHOLD) {
    resetSeconds = Math.max(0, resetSeconds - Math.floor(context.now / 1000));
  }
  const snapshot: RateLimitSnapshot = {
    observedAt: context.now,
    endpoint: context.endpoint,
    status: context.status,
  };
  if (limit !== undefined) snapshot.limit = limit;
  if (remaining !== undefined) snapshot.remaining = remaining;
  if (resetSeconds !== undefined) snapshot.resetSeconds = resetSeconds;
  return snapshot;
}

/** Retry-After (delta seconds or HTTP date) first, then the rate-limit reset delay. */
export function parseRetryAfterSeconds(
  headers: HeaderBag,
  rateLimit: RateLimitSnapshot | undefined,
  now: number,
): number | undefined {
  const raw = headerString(headers, 'retry-after');
  if (raw !== undefined) {
    if (/^\d+$/.test(raw)) return Number(raw);
    const at = Date.parse(raw);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - now) / 1000));
  }
  return rateLimit?.resetSeconds;
}

/** Keeps the latest snapshot and fans it out; a throwing listener never breaks the call. */
export class RateLimitObserver {
  private latest: RateLimitSnapshot | undefined;
  private readonly listeners = new Set<RateLimitListener>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  get last(): RateLimitSnapshot | undefined {
    return this.latest;
  }

  subscribe(listener: RateLimitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  record(snapshot: RateLimitSnapshot): void {
    this.latest = snapshot;
    for (const listener of this.listeners) {
      try {
        listener(snapshot);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}

function headerString(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : typeof first === 'number' ? String(first) : undefined;
}

function headerInteger(headers: HeaderBag, name: string): number | undefined {
  const raw = headerString(headers, name);
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}
