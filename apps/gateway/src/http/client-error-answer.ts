import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { errorEnvelope } from '@app/common';
import { REQUEST_ID_HEADER } from '@app/common/request-id';
import { httpExceptionType } from '../errors/error-response';
import { HELMET_OPTIONS } from './http-policies';
import { securityHeaders } from './security-headers';

const SECURITY_HEADERS = securityHeaders(HELMET_OPTIONS);

const MESSAGES: Record<number, string> = {
  400: 'The request could not be read.',
  408: 'The request took too long to arrive.',
  431: 'The request line or headers are too large.',
};

/**
 * Fastify's `clientErrorHandler`: requests Node's HTTP parser refuses before Fastify sees them
 * (headers or URL over 16 KB, a malformed request line) get the error envelope and the security
 * headers, like every other answer, instead of Fastify's own JSON.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const requestId = randomUUID();
  const reason = STATUS_CODES[status] ?? 'Error';
  const envelope = errorEnvelope(status, httpExceptionType(status), MESSAGES[status], {
    name: reason,
    requestId,
  });
  const body = JSON.stringify(envelope);
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    [REQUEST_ID_HEADER]: requestId,
    connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n${body}`);
  socket.destroy(error);
}
