import { StreamSkillError } from '@app/streamskill';
import { ErrorMapper, ErrorResponse, httpExceptionType } from './error-response';
import { validationFailed } from './gateway-error';
import { describeGatewayError } from './http-exception.mapper';

/** Upstream answers about the caller's own order, passed on as StreamSkill sent them. */
const CALLER_STATUSES = new Set([404, 405, 409]);
const DEFAULT_RETRY_AFTER_SECONDS = 1;

/**
 * StreamSkill failures. What concerns the caller's request reaches the caller; problems with the
 * gateway's own upstream account (401, 402) or with the transport are 502/503/504, never blamed on it.
 */
export const fromStreamSkillError: ErrorMapper = (exception) => {
  if (!(exception instanceof StreamSkillError)) return undefined;
  switch (exception.kind) {
    case 'http':
      return fromUpstreamStatus(exception, exception.status ?? 502);
    case 'invalid_request':
      return describeGatewayError(validationFailed(exception.fieldErrors ?? {}));
    case 'budget_exhausted':
      return busy(exception, 'The gateway is at its upstream request budget; nothing was sent, retry later.');
    case 'timeout':
      return unavailable(504, 'The upstream service did not answer in time; the outcome is unknown.');
    default:
      return unavailable(502, 'The upstream service could not be reached or gave an unreadable answer.');
  }
};

function fromUpstreamStatus(error: StreamSkillError, status: number): ErrorResponse {
  if (status === 429) return busy(error, 'The upstream service is rate limiting the gateway; retry later.');
  if (status === 422) {
    return describeGatewayError(validationFailed(error.fieldErrors ?? {}, upstreamMessage(error)));
  }
  if (CALLER_STATUSES.has(status)) {
    return {
      status,
      type: error.type === `http_${status}` ? httpExceptionType(status) : error.type,
      message: upstreamMessage(error) ?? 'The upstream service refused the action.',
    };
  }
  if (status === 402) return unavailable(503, 'The gateway cannot place paid orders upstream right now.');
  if (status >= 500) return unavailable(502, 'The upstream service failed; the action was not performed.');
  return unavailable(502, "The upstream service refused the gateway's request.");
}

/** StreamSkill's own message when its body had one; the client's fallback text names internals. */
function upstreamMessage(error: StreamSkillError): string | undefined {
  return error.message.startsWith('StreamSkill answered') ? undefined : error.message;
}

function busy(error: StreamSkillError, message: string): ErrorResponse {
  const seconds = Math.max(1, Math.ceil(error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS));
  return { status: 503, type: 'upstream_busy', message, headers: { 'Retry-After': String(seconds) } };
}

function unavailable(status: number, message: string): ErrorResponse {
  return { status, type: 'upstream_unavailable', message, logged: true };
}
