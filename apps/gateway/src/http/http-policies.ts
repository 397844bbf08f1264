import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HelmetOptions } from 'helmet';
import { REQUEST_ID_HEADER } from '@app/common/request-id';
import { HttpSettings } from '../config/gateway-config';
import { securityHeaders } from './security-headers';

/** helmet's defaults, with a CSP for an API that answers JSON. */
export const HELMET_OPTIONS: HelmetOptions = {
  // Only the Swagger UI at /docs needs its own scripts, styles and images.
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      // Zero-config serves plain http on loopback; upgrading the docs' assets to https would break them.
      upgradeInsecureRequests: null,
    },
  },
};
const SECURITY_HEADERS = securityHeaders(HELMET_OPTIONS);

/** Security headers on every response, CORS only for the configured origins, and the request id echoed. */
export async function applyHttpPolicies(app: NestFastifyApplication, http: HttpSettings): Promise<void> {
  if (http.corsOrigins.length > 0) {
    const allowed = new Set(http.corsOrigins);
    app.enableCors({
      // A function, not the list: for any other origin it answers false, and @fastify/cors then sends
      // no CORS header at all (given the list, it still sends Access-Control-Expose-Headers).
      origin: (origin, callback) =>
        callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'Idempotent-Replayed'],
    });
  }
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.headers(SECURITY_HEADERS).header(REQUEST_ID_HEADER, request.id);
      done();
    });
}
