import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { HelmetOptions } from 'helmet';

type Helmet = (
  options: HelmetOptions,
) => (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** The very helmet that @fastify/helmet would call. */
const helmet = createRequire(require.resolve('@fastify/helmet'))('helmet') as Helmet;

/**
 * The headers helmet sets with these options, computed once. With static options (no CSP nonces)
 * they are the same for every request; @fastify/helmet would rebuild helmet and re-parse the CSP on
 * every request instead (a few % of a read's CPU, see bench/README.md).
 */
export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return Object.freeze(headers);
}
