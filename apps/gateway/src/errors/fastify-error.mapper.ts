import { statusName } from '@app/common';
import { ErrorMapper, httpExceptionType } from './error-response';

/**
 * Errors that carry a 4xx `statusCode` without being HttpExceptions, e.g. a client that aborts while
 * sending its body. (Nest already turns Fastify's own errors, 413 and 415 included, into HttpExceptions.)
 */
export const fromFastifyError: ErrorMapper = (exception) => {
  if (exception === null || typeof exception !== 'object') return undefined;
  const { statusCode } = exception as { statusCode?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return undefined;
  return { status: statusCode, type: httpExceptionType(statusCode), message: statusName(statusCode) };
};
