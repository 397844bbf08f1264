import { GatewayError } from '../errors/gateway-error';

/** One message for every 401, so a caller cannot tell an unknown key from a revoked one. */
export function unauthorized(): GatewayError {
  return new GatewayError(
    401,
    'unauthorized_http_exception',
    'Your request was made with invalid credentials.',
    {
      headers: { 'WWW-Authenticate': 'Bearer' },
    },
  );
}

export function forbidden(message: string): GatewayError {
  return new GatewayError(403, 'forbidden_http_exception', message);
}
