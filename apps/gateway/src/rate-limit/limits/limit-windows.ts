import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { LimitPolicy } from '../rate-limit-headers';
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
 * plan says so, for each key. Counted in this order, shortest first: the first window that refuses
 * stops the count, so a refused request does not use up the later windows.
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

/** The @nestjs/throttler throttlers; limits and trackers come from the request's resolved limits. */
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
  return `${throttlerName}:${tracker}`;
}

/** The policies of a request, for RateLimit-Policy, in counting order. */
export function policiesFor(limits: RequestLimits): LimitPolicy[] {
  return LIMIT_WINDOWS.flatMap((window) => {
    const quota = window.quota(limits);
    return quota === null ? [] : [{ name: window.name, quota, windowSeconds: window.seconds }];
  });
}
