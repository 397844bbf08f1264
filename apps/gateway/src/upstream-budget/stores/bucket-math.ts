import type { BucketLimits, TakeRequest, TakeResult } from './budget-store';

/**
 * The bucket arithmetic, as plain functions. The Redis script and the PostgreSQL statements compute
 * exactly this (with the store's clock); these are what the unit tests pin down.
 */
export interface BucketState {
  tokens: number;
  /** Epoch ms when `tokens` was computed. */
  at: number;
}

/** Tokens at `now`: what was there plus the refill since, never above the burst. A missing bucket is full. */
export function levelAt(state: BucketState | undefined, now: number, limits: BucketLimits): number {
  if (!state) return limits.burst;
  const refill = (Math.max(0, now - state.at) / 1000) * limits.perSecond;
  return Math.min(limits.burst, state.tokens + refill);
}

/** Milliseconds until a bucket at `level` holds `needed` tokens. */
export function msUntil(level: number, needed: number, perSecond: number): number {
  return Math.max(1, Math.ceil(((needed - level) * 1000) / perSecond));
}

export interface SharedState {
  global?: BucketState;
  backoffUntil?: number;
  customer?: BucketState;
}

/** One take: the new states when granted, or why not and for how long. */
export function decideTake(
  state: SharedState,
  request: TakeRequest,
  limits: BucketLimits,
  now: number,
): { result: TakeResult; global?: BucketState; customer?: BucketState } {
  if (state.backoffUntil !== undefined && state.backoffUntil > now) {
    return { result: { granted: false, reason: 'backoff', waitMs: state.backoffUntil - now } };
  }
  const own = request.customer && levelAt(state.customer, now, request.customer.limits);
  const minTokens = isBusy(own, request) ? request.customer!.busyMinTokens : request.minTokens;
  const global = levelAt(state.global, now, limits);
  if (global < minTokens) {
    const waitMs = msUntil(global, minTokens, limits.perSecond);
    return { result: { granted: false, reason: 'tokens', waitMs } };
  }
  let customer: BucketState | undefined;
  if (request.customer && own !== undefined) {
    const waitMs = msUntil(own, 1, request.customer.limits.perSecond);
    if (own < 1) return { result: { granted: false, reason: 'customer', waitMs } };
    customer = { tokens: own - 1, at: now };
  }
  return { result: { granted: true, tokens: global - 1 }, global: { tokens: global - 1, at: now }, customer };
}

/** A customer that has spent more than half of its own burst leaves a reserve to the others. */
export function isBusy(ownLevel: number | undefined, request: TakeRequest): boolean {
  return ownLevel !== undefined && !!request.customer && ownLevel < request.customer.limits.burst / 2;
}

/**
 * After a 429 whose reset is `delayMs` away: StreamSkill promises one token at the reset, so the
 * bucket is set to reach exactly one then (it may already hold less).
 */
export function backedOff(level: number, delayMs: number, perSecond: number): number {
  return Math.min(level, 1 - (delayMs / 1000) * perSecond);
}
