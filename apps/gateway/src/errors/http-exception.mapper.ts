import { HttpException } from '@nestjs/common';
import { GatewayError } from './gateway-error';
import { ErrorMapper, ErrorResponse, httpExceptionType } from './error-response';

export const fromGatewayError: ErrorMapper = (exception) =>
  exception instanceof GatewayError ? describeGatewayError(exception) : undefined;

export function describeGatewayError(error: GatewayError): ErrorResponse {
  return {
    status: error.status,
    type: error.type,
    message: error.message,
    name: error.envelopeName,
    errors: error.fieldErrors,
    headers: error.headers,
    logged: error.status >= 500,
  };
}

/** Nest's own exceptions (NotFoundException, ForbiddenException...) and the unknown-route 404. */
export const fromHttpException: ErrorMapper = (exception) => {
  if (!(exception instanceof HttpException)) return undefined;
  const status = exception.getStatus();
  return {
    status,
    type: httpExceptionType(status),
    message: messageOf(exception.getResponse()) ?? exception.message,
    logged: status >= 500,
  };
};

function messageOf(response: string | object): string | undefined {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return undefined;
}
