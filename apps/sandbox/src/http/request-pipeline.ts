import type { FastifyInstance } from 'fastify';
import { countRequestsHook } from '../counters/count-requests.hook';
import type { RequestCounters } from '../counters/request-counters';
import { FaultHooks } from '../faults/fault.hooks';
import type { FaultStore } from '../faults/fault-store';
import type { HeldConnections } from '../faults/held-connections';
import { rateLimitHook } from '../rate-limit/rate-limit.hook';
import type { RateLimiter } from '../rate-limit/rate-limiter';

export interface PipelineDependencies {
  counters: RequestCounters;
  limiter: RateLimiter;
  faults: FaultStore;
  held: HeldConnections;
}

/**
 * Order: count -> rate limit (onRequest, before the body is read) -> faults (preHandler, after the body
 * is read) -> Nest (auth guard, validation, handler) -> after-handler faults (onSend).
 */
export function installRequestPipeline(fastify: FastifyInstance, deps: PipelineDependencies): void {
  const faultHooks = new FaultHooks(deps.faults, deps.held);
  fastify.addHook('onRequest', countRequestsHook(deps.counters));
  fastify.addHook('onRequest', rateLimitHook(deps.limiter));
  fastify.addHook('preHandler', faultHooks.beforeHandler);
  fastify.addHook('onSend', faultHooks.onSend);
}
