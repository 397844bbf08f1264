import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../errors/gateway-error';

/**
 * PostgreSQL's text cannot hold a NUL character: a query or path value carrying one (`%00`) would fail
 * in the database, whatever the route. Refused as the first thing done with a request, for every route.
 */
export function refuseNulInUrl(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (!request.url.includes('%00')) return done();
    done(
      new GatewayError(400, 'bad_request_http_exception', 'The URL must not contain NUL characters (%00).'),
    );
  });
}
