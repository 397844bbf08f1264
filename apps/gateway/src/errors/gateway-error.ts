import type { FieldErrors } from '@app/common';

export interface GatewayErrorOptions {
  /** Per-field messages for 422 (`{"tarif.id": ["..."]}`). */
  fieldErrors?: FieldErrors;
  /** Response headers such as Retry-After. */
  headers?: Record<string, string>;
  /** The envelope's `name`; defaults to the status's usual name (StreamSkill's 422 says "Bad Request"). */
  name?: string;
  cause?: unknown;
}

/**
 * An error the gateway means to show its caller, e.g.
 * `throw new GatewayError(402, 'insufficient_funds', 'The balance does not cover this purchase.')`.
 * The global filter turns it into the error envelope as is, so its message must be safe to publish.
 */
export class GatewayError extends Error {
  readonly fieldErrors?: FieldErrors;
  readonly headers: Record<string, string>;
  readonly envelopeName?: string;

  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    options: GatewayErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'GatewayError';
    this.fieldErrors = options.fieldErrors;
    this.headers = options.headers ?? {};
    this.envelopeName = options.name;
  }
}

/** StreamSkill's validation failure: 422 `validate_exception` named "Bad Request", as upstream sends it. */
export function validationFailed(
  fieldErrors: FieldErrors,
  message = 'The request failed validation.',
): GatewayError {
  return new GatewayError(422, 'validate_exception', message, { fieldErrors, name: 'Bad Request' });
}
