import type { FastifyServerOptions } from 'fastify';
import { REQUEST_ID_HEADER, resolveRequestId } from '@app/common/request-id';
import { HttpSettings } from '../config/gateway-config';
import { answerClientError } from './client-error-answer';

/** Options of the Fastify instance under Nest; logging/request-log.hook.ts does the request logging. */
export function fastifyOptions(http: HttpSettings): FastifyServerOptions {
  return {
    logger: false,
    bodyLimit: http.bodyLimitBytes,
    trustProxy: http.trustProxy,
    genReqId: (req) => resolveRequestId(req.headers[REQUEST_ID_HEADER]),
    clientErrorHandler: answerClientError,
  };
}
