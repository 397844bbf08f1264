import { GatewayError } from '../errors/gateway-error';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const PRINTABLE_ASCII = /^[\x20-\x7e]{1,255}$/;

/** The request's Idempotency-Key, null when it sent none; 400 when it is not 1 to 255 printable ASCII characters. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  if (Array.isArray(header)) throw invalidKey('Send one Idempotency-Key header, not several.');
  if (!PRINTABLE_ASCII.test(header) || header.trim() !== header) {
    throw invalidKey(
      'Idempotency-Key must be 1 to 255 printable ASCII characters without leading or trailing spaces, e.g. a UUID.',
    );
  }
  return header;
}

/**
 * The Idempotency-Key lines as the client sent them: Node joins repeated headers into one
 * `"a, b"` string, which would pass for a single valid key.
 */
export function sentIdempotencyKey(rawHeaders: string[]): string | string[] | undefined {
  const values: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    if (rawHeaders[index].toLowerCase() === IDEMPOTENCY_KEY_HEADER) values.push(rawHeaders[index + 1]);
  }
  return values.length > 1 ? values : values[0];
}

function invalidKey(message: string): GatewayError {
  return new GatewayError(400, 'bad_request_http_exception', message);
}
