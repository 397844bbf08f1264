/**
 * StreamSkill's error body (`{name,message,code,status,type}`), which the gateway keeps so that
 * StreamSkill-compatible clients understand our errors too. `errors` carries per-field messages
 * on 422; `requestId` is the gateway's addition.
 */
export interface ErrorEnvelope {
  name: string;
  message: string;
  code: number;
  status: number;
  type: string;
  errors?: FieldErrors;
  requestId?: string;
}

export type FieldErrors = Record<string, string[]>;

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Insufficient Funds',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusName(status: number): string {
  return STATUS_NAMES[status] ?? (status >= 500 ? 'Server Error' : 'Error');
}

export function errorEnvelope(
  status: number,
  type: string,
  message: string,
  extra: { name?: string; errors?: FieldErrors; requestId?: string } = {},
): ErrorEnvelope {
  const body: ErrorEnvelope = { name: extra.name ?? statusName(status), message, code: 0, status, type };
  if (extra.errors) body.errors = extra.errors;
  if (extra.requestId) body.requestId = extra.requestId;
  return body;
}
