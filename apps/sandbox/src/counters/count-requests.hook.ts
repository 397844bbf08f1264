import type { FastifyRequest } from 'fastify';
import { isControlPath } from '../http/control-paths';
import type { RequestCounters } from './request-counters';

/** onRequest: counts every StreamSkill request by method and route template, before anything can reject it. */
export function countRequestsHook(counters: RequestCounters) {
  return async (request: FastifyRequest): Promise<void> => {
    if (isControlPath(request.url)) return;
    counters.record(`${request.method} ${request.routeOptions.url ?? '(unknown route)'}`);
  };
}
