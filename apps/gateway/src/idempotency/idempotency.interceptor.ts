import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, defer, from, map, mergeMap, Observable, of, throwError } from 'rxjs';
import { errorEnvelope } from '@app/common';
import { toErrorResponse } from '../errors/to-error-response';
import { RequestContext } from '../tenancy/request-context';
import { parseIdempotencyKey, sentIdempotencyKey } from './idempotency-key';
import { BeginOutcome, IdempotencyScope, IdempotencyService, StoredResponse } from './idempotency.service';
import { IdempotentExecution } from './idempotent-execution';
import { IDEMPOTENT_ROUTE, IdempotentOptions } from './idempotent-options';
import { requestFingerprint } from './request-fingerprint';
import '../auth/request-auth';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Headers of a first answer that belong to it (not to the moment it was sent, as rate limits do). */
const REPLAYED_HEADERS = ['location', 'content-location'];

type Replay = Extract<BeginOutcome, { kind: 'replay' }>;

/** Applied by @Idempotent(): claims the key, runs the handler once, stores its answer and replays it. */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly idempotency: IdempotencyService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = parseIdempotencyKey(sentIdempotencyKey(request.raw.rawHeaders));
    const options = this.reflector.get<IdempotentOptions>(IDEMPOTENT_ROUTE, context.getHandler()) ?? {};
    const customerId = ownerOf(request, options);
    // No key, or no valid customer to own it (the handler answers 404 for that): nothing to remember.
    if (key === null || customerId === null) return next.handle();

    const scope: IdempotencyScope = {
      customerId,
      scope: `${request.method} ${request.routeOptions.url}`,
      key,
    };
    const requestHash = requestFingerprint({ method: request.method, url: request.url, body: request.body });
    return from(this.idempotency.begin({ ...scope, requestHash, resumable: options.resumable })).pipe(
      mergeMap((outcome) => {
        if (outcome.kind === 'replay') return of(replay(reply, outcome));
        if (outcome.kind === 'resume') return resume(scope, outcome.ref, reply, next);
        return this.execute({ ...scope, claimedAt: outcome.claimedAt }, request, reply, next);
      }),
    );
  }

  private execute(
    scope: IdempotencyScope,
    request: FastifyRequest,
    reply: FastifyReply,
    next: CallHandler,
  ): Observable<unknown> {
    return defer(() => {
      const { state, result } = IdempotentExecution.run(scope.key, () => next.handle(), {
        persistCommitted: (ref, tx) => this.idempotency.recordCommitted({ ...scope, ref }, tx),
      });
      return result.pipe(
        mergeMap((body) => {
          const answer = { status: reply.statusCode, body, headers: replayedHeaders(reply) };
          return from(this.store(scope, answer)).pipe(map(() => body));
        }),
        catchError((error: unknown) => {
          const settled = state.committed
            ? this.store(scope, errorAnswer(error, request))
            : this.forget(scope);
          return from(settled).pipe(mergeMap(() => throwError(() => error)));
        }),
      );
    });
  }

  /** A failure to store must not change the answer: the key then stays "in progress" until it expires. */
  private async store(scope: IdempotencyScope, answer: StoredResponse): Promise<void> {
    try {
      await this.idempotency.complete({ ...scope, ...answer });
    } catch (error) {
      this.logger.error({ err: error, scope: scope.scope }, 'Could not store the idempotent answer');
    }
  }

  private async forget(scope: IdempotencyScope): Promise<void> {
    try {
      await this.idempotency.abandon(scope);
    } catch (error) {
      this.logger.error({ err: error, scope: scope.scope }, 'Could not release the idempotency key');
    }
  }
}

function ownerOf(request: FastifyRequest, options: IdempotentOptions): string | null {
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const owner = options.customerParam ? params[options.customerParam] : request.tenantId;
  return owner && UUID.test(owner) ? owner : null;
}

/**
 * The first request with this key committed `ref`, then its process died: the handler answers `ref` as
 * it now stands (e.g. the purchase, settled by the reconciler meanwhile). Nothing is stored, so every
 * retry sees the current state.
 */
function resume(scope: IdempotencyScope, ref: string, reply: FastifyReply, next: CallHandler) {
  return defer(() => {
    const { result } = IdempotentExecution.run(scope.key, () => next.handle(), {
      committed: true,
      resumedRef: ref,
    });
    void reply.header('Idempotent-Replayed', 'true');
    RequestContext.annotateAudit({ details: { idempotentReplay: true, resumedAfterCrash: ref } });
    return result;
  });
}

function replay(reply: FastifyReply, outcome: Replay): unknown {
  void reply.status(outcome.status).headers(outcome.headers).header('Idempotent-Replayed', 'true');
  RequestContext.annotateAudit({ details: { idempotentReplay: true } });
  return outcome.body;
}

function replayedHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

/** The envelope the exception filter is about to send for this error, to be replayed as it was. */
function errorAnswer(error: unknown, request: FastifyRequest): StoredResponse {
  const response = toErrorResponse(error);
  const body = errorEnvelope(response.status, response.type, response.message, {
    name: response.name,
    errors: response.errors,
    requestId: String(request.id),
  });
  return { status: response.status, body, headers: response.headers ?? {} };
}
