import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { REQUEST_ID_HEADER } from '@app/common/request-id';
import { HttpSettings } from '../config/gateway-config';

/** Security headers on every response, CORS only for the configured origins, and the request id echoed. */
export async function applyHttpPolicies(app: NestFastifyApplication, http: HttpSettings): Promise<void> {
  await app.register(helmet, {
    // The API answers JSON; only the Swagger UI at /docs needs its own scripts, styles and images.
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
  });
  if (http.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...http.corsOrigins],
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'Idempotent-Replayed'],
    });
  }
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      reply.header(REQUEST_ID_HEADER, request.id);
    });
}
