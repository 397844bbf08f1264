import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import { REQUEST_ID_HEADER, resolveRequestId } from '@app/common/request-id';
import { GatewayConfig } from '../config/gateway-config';
import { REDACTED, REDACTED_PATHS, redactApiKeys, redactSecrets } from './redaction';

/** The key that carries the request id on every log line written while serving a request. */
export const REQUEST_ID_LOG_KEY = 'requestId';

export function pinoHttpOptions(config: GatewayConfig): Options {
  return {
    level: config.logLevel,
    // Fastify has already chosen the id (see fastify-options.ts); this only covers raw requests.
    genReqId: (req) =>
      typeof req.id === 'string' ? req.id : resolveRequestId(req.headers[REQUEST_ID_HEADER]),
    customAttributeKeys: { reqId: REQUEST_ID_LOG_KEY },
    quietReqLogger: true,
    serializers: {
      // A client may put its key in the query string: the URL and query are logged without it.
      req: redactRequestKeys,
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) => {
      // 503 is an expected, temporary state (not ready, upstream busy), not a fault of the gateway.
      if (res.statusCode === 503 && !error) return 'warn';
      return error || res.statusCode >= 500 ? 'error' : 'info';
    },
    // pino-http invents an Error for every 5xx; the exception filter has already logged the real one.
    customErrorObject: (_req, _res, _error, value: Record<string, unknown>) => ({ ...value, err: undefined }),
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
    formatters: { log: (object: Record<string, unknown>) => redactSecrets(object) },
  };
}

/** The serialized request with every key-looking value, or sensitive-named query parameter, masked. */
function redactRequestKeys<T extends { url?: unknown; query?: unknown }>(req: T): T {
  const url = typeof req.url === 'string' ? redactApiKeys(req.url) : req.url;
  const query =
    req.query && typeof req.query === 'object'
      ? (JSON.parse(redactApiKeys(JSON.stringify(redactSecrets(req.query)))) as unknown)
      : req.query;
  return { ...req, url, query };
}
