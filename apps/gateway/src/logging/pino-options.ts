import type { LoggerOptions } from 'pino';
import { RequestContext } from '../tenancy/request-context';
import { redactSecrets } from './redaction';

/** The key that carries the request id on every log line written while serving a request. */
export const REQUEST_ID_LOG_KEY = 'requestId';

/** The application's root pino logger (one per application, so that tests can capture each one's). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

export function rootLoggerOptions(level: string): LoggerOptions {
  return {
    level,
    // Every line written while serving a request carries its id, whoever writes it.
    mixin: (object: object) => {
      if (REQUEST_ID_LOG_KEY in object) return {};
      const requestId = RequestContext.current()?.requestId;
      return requestId === undefined ? {} : { [REQUEST_ID_LOG_KEY]: requestId };
    },
    // Every sensitive-looking field, at any depth (headers such as authorization and cookie included):
    // one walk, cheaper than pino's path-based redaction on top of it.
    formatters: { log: (object: Record<string, unknown>) => redactSecrets(object) },
  };
}
