import type { FastifyReply, FastifyRequest } from 'fastify';
import { tooManyRequests } from '../common/sandbox-error';
import { isControlPath } from '../http/control-paths';
import type { RateLimiter } from './rate-limiter';

/** onRequest: spends a token from the caller's bucket; X-Rate-Limit-* on every response, 429 when empty. */
export function rateLimitHook(limiter: RateLimiter) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    if (isControlPath(request.url)) return;
    const decision = limiter.take(callerKey(request.headers.authorization));
    if (!decision) return;
    void reply.headers({
      'x-rate-limit-limit': decision.limit,
      'x-rate-limit-remaining': decision.remaining,
      'x-rate-limit-reset': decision.resetSeconds,
    });
    if (decision.allowed) return;
    const error = tooManyRequests();
    return reply.code(error.status).send(error.envelope);
  };
}

function callerKey(authorization: string | undefined): string {
  return authorization?.replace(/^bearer\s+/i, '').trim() || '(no token)';
}
