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

function invalidKey(message: string): GatewayError {
  return new GatewayError(400, 'bad_request_http_exception', message);
}
