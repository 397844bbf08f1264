import { Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Level, Logger } from 'pino';
import { REQUEST_ID_LOG_KEY, ROOT_LOGGER } from './pino-options';
import { redactApiKeys } from './redaction';
import '../auth/request-auth';

/** 503 is an expected, temporary state (not ready, upstream busy), not a fault of the gateway. */
function levelOf(statusCode: number): Level {
  if (statusCode === 503) return 'warn';
  return statusCode >= 500 ? 'error' : 'info';
}

/**
 * One line per answered request, from Fastify's onResponse hook: method, URL (a key in the query
 * string is masked), route pattern, status, time to answer, and who called (key id and tenant, never
 * a secret). Headers are not logged: they carry credentials, and the fields above are what an operator
 * searches by. The exception filter has already logged the error of a failed request, with this id.
 * Registered by the app factory before the server is ready.
 */
@Injectable()
export class RequestLogHook {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  register(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      this.write(request, reply);
      done();
    });
    fastify.addHook('onRequestAbort', (request, done) => {
      if (this.logger.isLevelEnabled('warn'))
        this.logger.warn(this.lineOf(request, undefined), 'request aborted');
      done();
    });
  }

  private write(request: FastifyRequest, reply: FastifyReply): void {
    const level = levelOf(reply.statusCode);
    if (!this.logger.isLevelEnabled(level)) return;
    const message = reply.statusCode >= 500 ? 'request errored' : 'request completed';
    this.logger[level](this.lineOf(request, reply), message);
  }

  private lineOf(request: FastifyRequest, reply: FastifyReply | undefined): Record<string, unknown> {
    const { principal } = request;
    return {
      [REQUEST_ID_LOG_KEY]: request.id,
      req: {
        method: request.method,
        url: redactApiKeys(request.url),
        route: request.routeOptions.url,
        remoteAddress: request.ip,
        userAgent: request.headers['user-agent'],
      },
      res: reply && { statusCode: reply.statusCode },
      responseTime: reply && Math.round(reply.elapsedTime * 100) / 100,
      keyId: principal?.keyId,
      customerId: request.tenantId,
    };
  }
}
