import { ErrorMapper } from './error-response';

/** Prisma: server unreachable, timed out, connection closed, pool exhausted. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
/** @prisma/adapter-pg's classification of socket and server errors. */
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);
/** SQLSTATE: shutting down or starting up (57P0x), too many connections (53300); class 08 is handled apart. */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** node-postgres, when a pooled client's connection died under it or no connection came in time. */
const PG_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
];
const RETRY_AFTER_SECONDS = '2';

/**
 * The database cannot be reached (down, restarting, failing over, out of connections): 503 with
 * Retry-After, as for the other dependencies, instead of a 500 that reads as a bug of the gateway.
 * Nothing half-written is left behind: a transaction that lost its connection is rolled back.
 */
export const fromDatabaseUnavailable: ErrorMapper = (exception) =>
  isDatabaseUnavailable(exception)
    ? {
        status: 503,
        type: 'database_unavailable',
        message: 'The gateway cannot reach its database right now; retry later.',
        headers: { 'Retry-After': RETRY_AFTER_SECONDS },
        logged: true,
      }
    : undefined;

export function isDatabaseUnavailable(exception: unknown, depth = 0): boolean {
  if (typeof exception !== 'object' || exception === null || depth > 5) return false;
  const error = exception as {
    code?: unknown;
    kind?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  const code = typeof error.code === 'string' ? error.code : '';
  if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATES.has(code)) return true;
  if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  if (typeof error.kind === 'string' && ADAPTER_KINDS.has(error.kind)) return true;
  if (
    typeof error.message === 'string' &&
    PG_MESSAGES.some((text) => (error.message as string).startsWith(text))
  )
    return true;
  return [error.cause, error.meta?.driverAdapterError].some((inner) =>
    isDatabaseUnavailable(inner, depth + 1),
  );
}
