import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { LimitPolicy } from '../rate-limit-headers';
import type { CounterWindow } from '../storage/multi-window-storage';
import type { RequestLimits } from './request-limits';

interface LimitWindow {
  /** The throttler's name, which is also the policy's name in the RateLimit headers. */
  name: string;
  seconds: number;
  quota(limits: RequestLimits): number | null;
  tracker(limits: RequestLimits): string;
}

/**
 * Burst and sustained rates are two fixed windows each (1 s and 60 s), for the customer and, when its
 * plan says so, for each key. All of a request's windows are counted at once, and a request that any
 * of them refuses is counted in none; this order (shortest first, as @nestjs/throttler sorts them)
 * decides which refusal is reported when several windows refuse, and the RateLimit field's order.
 */
const LIMIT_WINDOWS: readonly LimitWindow[] = [
  { name: 'key-burst', seconds: 1, quota: (l) => l.keyBurst, tracker: (l) => l.keyTracker },
  { name: 'burst', seconds: 1, quota: (l) => l.burst, tracker: (l) => l.budgetTracker },
  { name: 'key-sustained', seconds: 60, quota: (l) => l.keyPerMinute, tracker: (l) => l.keyTracker },
  { name: 'sustained', seconds: 60, quota: (l) => l.perMinute, tracker: (l) => l.budgetTracker },
];

function limitsOf(context: ExecutionContext): RequestLimits {
  const state = context.switchToHttp().getRequest<FastifyRequest>().rateLimit;
  if (!state) throw new Error('Rate limits were not resolved before the throttler ran');
  return state.limits;
}

/**
 * The windows as @nestjs/throttler named throttlers, for ThrottlerModule's options; limits and trackers
 * come from the request's resolved limits. GatewayThrottlerGuard counts them itself, all at once (see
 * countersFor), under the same keys a stock ThrottlerGuard would use with these options and counterKey.
 */
export function limitThrottlers(): ThrottlerOptions[] {
  return LIMIT_WINDOWS.map((window) => ({
    name: window.name,
    ttl: window.seconds * 1000,
    limit: (context) => window.quota(limitsOf(context)) ?? 0,
    skipIf: (context) => window.quota(limitsOf(context)) === null,
    getTracker: (request) => window.tracker((request as FastifyRequest).rateLimit!.limits),
  }));
}

/** Counters are global to the gateway, not per route: `<window>:<tracker>`. */
export function counterKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
  return windowKey(throttlerName, tracker);
}

function windowKey(windowName: string, tracker: string): string {
  return `${windowName}:${tracker}`;
}

/** Limits are built once per key and plan (RequestLimitsResolver): so are their policies and counters. */
function oncePerLimits<T>(build: (limits: RequestLimits) => T): (limits: RequestLimits) => T {
  const built = new WeakMap<RequestLimits, T>();
  return (limits) => {
    let value = built.get(limits);
    if (value === undefined) built.set(limits, (value = build(limits)));
    return value;
  };
}

/** The policies of a request, for RateLimit-Policy, in counting order. */
export const policiesFor = oncePerLimits((limits): LimitPolicy[] =>
  LIMIT_WINDOWS.flatMap((window) => {
    const quota = window.quota(limits);
    return quota === null ? [] : [{ name: window.name, quota, windowSeconds: window.seconds }];
  }),
);

/** The counters of a request, one per policy of policiesFor(), in the same order. */
export const countersFor = oncePerLimits((limits): CounterWindow[] =>
  LIMIT_WINDOWS.flatMap((window) => {
    const quota = window.quota(limits);
    if (quota === null) return [];
    const key = windowKey(window.name, window.tracker(limits));
    return [{ key, ttl: window.seconds * 1000, limit: quota, name: window.name }];
  }),
);
