import { errorEnvelope, statusName, type ErrorEnvelope, type FieldErrors } from '@app/common';

/** An error answered with StreamSkill's envelope; thrown by handlers and hooks, rendered by the error filter. */
export class SandboxError extends Error {
  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.message);
  }

  get status(): number {
    return this.envelope.status;
  }
}

/** Verbatim from the spec's Unauthorized example. */
export const unauthorized = () =>
  new SandboxError(
    errorEnvelope(401, 'unauthorized_http_exception', 'Your request was made with invalid credentials.', {
      name: 'Unauthorized',
    }),
  );

export const badRequest = (message: string) =>
  new SandboxError(errorEnvelope(400, 'bad_request_http_exception', message));

export const validationFailed = (errors: FieldErrors) =>
  new SandboxError(
    errorEnvelope(422, 'validate_exception', 'Data validation failed.', { name: 'Bad Request', errors }),
  );

export const fieldError = (field: string, message: string) => validationFailed({ [field]: [message] });

export const insufficientFunds = () =>
  new SandboxError(
    errorEnvelope(402, 'insufficient_funds', "You don't have enough funds to do the request.", {
      name: 'Insufficient Funds',
    }),
  );

export const notFound = (message = 'Page not found.') =>
  new SandboxError(errorEnvelope(404, 'not_found_http_exception', message, { name: 'Not Found' }));

export const actionNotAllowed = (message = 'Action is unavailable for this order.') =>
  new SandboxError(
    errorEnvelope(405, 'method_not_allowed_http_exception', message, { name: 'Method Not Allowed' }),
  );

export const purchaseDone = () =>
  new SandboxError(
    errorEnvelope(409, 'purchase_done_exception', 'Order already completed.', { name: 'Purchase Done' }),
  );

export const tooManyRequests = () =>
  new SandboxError(
    errorEnvelope(429, 'too_many_requests_http_exception', 'Rate limit exceeded.', {
      name: 'Too Many Requests',
    }),
  );

export const actionFailed = (message = 'Action not performed.') =>
  new SandboxError(errorEnvelope(500, 'api_exception', message, { name: 'Action failed' }));

/** The envelope for a status forced by fault injection: the canonical body where one exists. */
export function errorForStatus(status: number): SandboxError {
  const canonical: Record<number, () => SandboxError> = {
    400: () => badRequest('Bad Request.'),
    401: unauthorized,
    402: insufficientFunds,
    404: () => notFound(),
    405: () => actionNotAllowed(),
    409: purchaseDone,
    422: () => validationFailed({}),
    429: tooManyRequests,
    500: () => actionFailed(),
  };
  const make = canonical[status];
  if (make) return make();
  return new SandboxError(errorEnvelope(status, httpExceptionType(status), `Simulated ${status} response.`));
}

/** Yii-style type names: 503 -> "service_unavailable_http_exception". */
export function httpExceptionType(status: number): string {
  return `${statusName(status).toLowerCase().replace(/\W+/g, '_')}_http_exception`;
}
