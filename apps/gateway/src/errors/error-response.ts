import { STATUS_CODES } from 'node:http';
import type { FieldErrors } from '@app/common';

/** What the filter answers for one exception, before the request id is added. */
export interface ErrorResponse {
  status: number;
  type: string;
  /** Safe to publish: never an internal message nor a stack. */
  message: string;
  name?: string;
  errors?: FieldErrors;
  headers?: Record<string, string>;
  /** Log the exception with its stack: it is the gateway's fault or an upstream's, not the caller's. */
  logged?: boolean;
}

/** Turns one family of exceptions into a response, or returns undefined when it is not of that family. */
export type ErrorMapper = (exception: unknown) => ErrorResponse | undefined;

/** Yii-style types StreamSkill uses: 404 -> `not_found_http_exception`, 405 -> `method_not_allowed_http_exception`. */
export function httpExceptionType(status: number): string {
  const reason = STATUS_CODES[status] ?? (status >= 500 ? 'Server Error' : 'Error');
  return `${reason.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_http_exception`;
}

export function internalError(): ErrorResponse {
  return {
    status: 500,
    type: 'internal_error',
    message: 'An unexpected error occurred. Quote the request id when you report it.',
    logged: true,
  };
}
