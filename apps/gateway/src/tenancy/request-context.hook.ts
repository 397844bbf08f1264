import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RequestContext, RequestContextData } from './request-context';
import '../auth/request-auth';

/**
 * The request's context, for everything that runs while serving it. Principal and tenant are read
 * from the request, where the auth guard puts them once the key is checked: before that (and on
 * public routes) they are undefined, and tenant-scoped queries refuse to run.
 */
function contextOf(request: FastifyRequest): RequestContextData {
  return {
    requestId: String(request.id),
    ip: request.ip,
    get principal() {
      return request.principal;
    },
    get tenantId() {
      return request.tenantId;
    },
  };
}

/**
 * Runs each request inside its context from Fastify's first hook, which Fastify carries through body
 * parsing to the handler. A Nest interceptor would do the same per route at several times the cost
 * (rxjs and two AsyncResource.bind per request, see bench/README.md). Registered by the app factory
 * before the server is ready.
 */
export function registerRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const context = contextOf(request);
    request.context = context;
    RequestContext.run(context, done);
  });
}
