import type { TransportResponse } from './http-transport';
import { parseRetryAfterSeconds, type RateLimitSnapshot } from './rate-limit';
import type { ResponseShape } from './response-shapes';
import {
  StreamSkillHttpError,
  StreamSkillMalformedResponseError,
  StreamSkillRateLimitError,
} from './streamskill.errors';
import { readUpstreamErrorBody } from './upstream-error-body';

export interface ResponseContext {
  endpoint: string;
  shape: ResponseShape;
  token: string;
  rateLimit?: RateLimitSnapshot;
  now: number;
}

/** Turns an HTTP answer into the parsed body, or throws the StreamSkillError it stands for. */
export function interpretResponse<T>(response: TransportResponse, context: ResponseContext): T {
  const { status } = response;
  if (status < 200 || status >= 300) throw httpError(response, context);
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    throw malformed(context, status, 'a body that is not JSON');
  }
  if (!context.shape.matches(body)) throw malformed(context, status, `not ${context.shape.description}`);
  return body as T;
}

function malformed(context: ResponseContext, status: number, what: string) {
  return new StreamSkillMalformedResponseError({
    endpoint: context.endpoint,
    status,
    type: 'malformed_response',
    message: `StreamSkill answered ${context.endpoint} with ${status} and ${what}`,
    ...(context.rateLimit ? { rateLimit: context.rateLimit } : {}),
  });
}

function httpError(response: TransportResponse, context: ResponseContext): StreamSkillHttpError {
  const { status } = response;
  const upstream = readUpstreamErrorBody(response.body, context.token);
  const details = {
    endpoint: context.endpoint,
    status,
    type: upstream.type ?? `http_${status}`,
    message:
      upstream.message ??
      `StreamSkill answered ${context.endpoint} with ${status}${upstream.name ? ` ${upstream.name}` : ''}`,
    ...(upstream.name ? { upstreamName: upstream.name } : {}),
    ...(upstream.fieldErrors ? { fieldErrors: upstream.fieldErrors } : {}),
    ...(context.rateLimit ? { rateLimit: context.rateLimit } : {}),
  };
  if (status !== 429) return new StreamSkillHttpError(details);
  const retryAfterSeconds = parseRetryAfterSeconds(response.headers, context.rateLimit, context.now);
  return new StreamSkillRateLimitError({
    ...details,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
}
