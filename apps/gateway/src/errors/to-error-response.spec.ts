import {
  BadRequestException,
  ForbiddenException,
  MethodNotAllowedException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { Prisma } from '@app/database';
import {
  StreamSkillHttpError,
  StreamSkillNetworkError,
  StreamSkillBudgetExhaustedError,
  StreamSkillRateLimitError,
  StreamSkillRequestError,
  StreamSkillTimeoutError,
} from '@app/streamskill';
import { GatewayError } from './gateway-error';
import { toErrorResponse } from './to-error-response';

const endpoint = 'POST /purchases/create';

function upstreamHttp(status: number, extra: { type?: string; message?: string } = {}) {
  return new StreamSkillHttpError({
    endpoint,
    status,
    type: extra.type ?? `http_${status}`,
    message: extra.message ?? `StreamSkill answered ${endpoint} with ${status}`,
  });
}

describe('toErrorResponse', () => {
  describe('Nest HttpExceptions', () => {
    it.each([
      [new BadRequestException('bad'), 400, 'bad_request_http_exception'],
      [new UnauthorizedException(), 401, 'unauthorized_http_exception'],
      [new ForbiddenException(), 403, 'forbidden_http_exception'],
      [new NotFoundException('Cannot GET /v1/x'), 404, 'not_found_http_exception'],
      [new MethodNotAllowedException(), 405, 'method_not_allowed_http_exception'],
    ])('names %p in StreamSkill style', (exception, status, type) => {
      expect(toErrorResponse(exception)).toMatchObject({ status, type });
    });

    it('keeps the message, joining a list of them', () => {
      expect(toErrorResponse(new BadRequestException(['a is wrong', 'b is wrong'])).message).toBe(
        'a is wrong; b is wrong',
      );
    });
  });

  it('passes a GatewayError through as declared', () => {
    const error = new GatewayError(429, 'rate_limited', 'Too many requests for this key.', {
      headers: { 'Retry-After': '3' },
    });
    expect(toErrorResponse(error)).toEqual({
      status: 429,
      type: 'rate_limited',
      message: 'Too many requests for this key.',
      name: undefined,
      errors: undefined,
      headers: { 'Retry-After': '3' },
      logged: false,
    });
  });

  describe('Prisma known errors', () => {
    const prismaError = (code: string) =>
      new Prisma.PrismaClientKnownRequestError('Unique constraint failed on users_email_key', {
        code,
        clientVersion: 'test',
      });

    it('maps a unique violation to 409 conflict without the constraint name', () => {
      const response = toErrorResponse(prismaError('P2002'));
      expect(response).toMatchObject({ status: 409, type: 'conflict' });
      expect(response.message).not.toContain('users_email_key');
    });

    it('maps a missing record to 404', () => {
      expect(toErrorResponse(prismaError('P2025'))).toMatchObject({
        status: 404,
        type: 'not_found_http_exception',
      });
    });

    it('treats any other code as the gateway fault', () => {
      expect(toErrorResponse(prismaError('P2003'))).toMatchObject({
        status: 500,
        type: 'internal_error',
        logged: true,
      });
    });
  });

  describe('StreamSkill errors', () => {
    it('a timeout is 504 upstream_unavailable', () => {
      const error = new StreamSkillTimeoutError({
        endpoint,
        type: 'timeout',
        message: 'x',
        timeoutMs: 20_000,
      });
      expect(toErrorResponse(error)).toMatchObject({
        status: 504,
        type: 'upstream_unavailable',
        logged: true,
      });
    });

    it.each(['network', 'unreachable'] as const)('a %s failure is 502 upstream_unavailable', (kind) => {
      const error = new StreamSkillNetworkError({
        endpoint,
        kind,
        type: kind,
        message: 'connect ECONNREFUSED',
      });
      const response = toErrorResponse(error);
      expect(response).toMatchObject({ status: 502, type: 'upstream_unavailable' });
      expect(response.message).not.toContain('ECONNREFUSED');
    });

    it('a 5xx is 502 upstream_unavailable', () => {
      expect(toErrorResponse(upstreamHttp(500))).toMatchObject({ status: 502, type: 'upstream_unavailable' });
    });

    it('429 becomes 503 upstream_busy with Retry-After', () => {
      const error = new StreamSkillRateLimitError({
        endpoint,
        status: 429,
        type: 'too_many_requests',
        message: 'slow down',
        retryAfterSeconds: 2.4,
      });
      expect(toErrorResponse(error)).toMatchObject({
        status: 503,
        type: 'upstream_busy',
        headers: { 'Retry-After': '3' },
      });
    });

    it('an exhausted outbound budget is 503 upstream_busy with Retry-After, not logged as a failure', () => {
      const error = new StreamSkillBudgetExhaustedError({
        endpoint,
        type: 'budget_exhausted',
        message: 'no token in time',
        retryAfterSeconds: 4,
      });
      const response = toErrorResponse(error);
      expect(response).toMatchObject({ status: 503, type: 'upstream_busy', headers: { 'Retry-After': '4' } });
      expect(response.logged).toBeFalsy();
    });

    it.each([
      [401, 502],
      [403, 502],
      [402, 503],
      [400, 502],
    ])('upstream %i is the gateway problem: %i, never the caller fault', (upstream, status) => {
      expect(toErrorResponse(upstreamHttp(upstream, { type: 'unauthorized_http_exception' }))).toMatchObject({
        status,
        type: 'upstream_unavailable',
        logged: true,
      });
    });

    it('upstream 422 reaches the caller with its field errors', () => {
      const error = new StreamSkillHttpError({
        endpoint,
        status: 422,
        type: 'validate_exception',
        message: 'Data validation failed.',
        fieldErrors: { 'tarif.id': ['Tarif not found'] },
      });
      expect(toErrorResponse(error)).toMatchObject({
        status: 422,
        type: 'validate_exception',
        name: 'Bad Request',
        message: 'Data validation failed.',
        errors: { 'tarif.id': ['Tarif not found'] },
      });
    });

    it('upstream 405 and 409 keep their status, type and message', () => {
      const error = upstreamHttp(409, { type: 'purchase_done', message: 'Purchase is already done.' });
      expect(toErrorResponse(error)).toEqual({
        status: 409,
        type: 'purchase_done',
        message: 'Purchase is already done.',
      });
    });

    it('an upstream 404 without a readable body gets a generic message', () => {
      const response = toErrorResponse(upstreamHttp(404));
      expect(response).toMatchObject({ status: 404, type: 'not_found_http_exception' });
      expect(response.message).not.toContain('/purchases');
    });

    it('a request refused before sending is a 422 on the named field', () => {
      const error = new StreamSkillRequestError({
        endpoint,
        type: 'invalid_request',
        message: 'StreamSkill GET /purchases/bulk not sent: ids must hold 1 to 100 order ids',
        fieldErrors: { ids: ['ids must hold 1 to 100 order ids'] },
      });
      expect(toErrorResponse(error)).toMatchObject({
        status: 422,
        errors: { ids: ['ids must hold 1 to 100 order ids'] },
      });
    });
  });

  it('a client error carrying a statusCode keeps its status', () => {
    const aborted = Object.assign(new Error('aborted'), { statusCode: 400 });
    expect(toErrorResponse(aborted)).toMatchObject({ status: 400, type: 'bad_request_http_exception' });
  });

  it.each([new Error('connection string postgres://u:p@db'), 'a string', null, { statusCode: 503 }])(
    'anything else is a 500 internal_error that says nothing of it (%p)',
    (exception) => {
      const response = toErrorResponse(exception);
      expect(response).toMatchObject({ status: 500, type: 'internal_error', logged: true });
      expect(response.message).not.toMatch(/postgres|string/);
    },
  );
});
