import type { FieldErrors } from '@app/common';
import { redactSecret } from './redact';
import { isRecord } from './response-shapes';

/** The parts of StreamSkill's `{name,message,code,status,type,errors?}` error body the client keeps. */
export interface UpstreamErrorBody {
  name?: string;
  message?: string;
  type?: string;
  fieldErrors?: FieldErrors;
}

const MAX_TEXT = 500;

/** Tolerant: a non-JSON or odd body yields what could be read, every string cleared of the token. */
export function readUpstreamErrorBody(text: string, token: string): UpstreamErrorBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isRecord(parsed)) return {};
  const clean = (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim() ? redactSecret(value, token).slice(0, MAX_TEXT) : undefined;
  const result: UpstreamErrorBody = {};
  const name = clean(parsed.name);
  const message = clean(parsed.message);
  const type = clean(parsed.type);
  if (name) result.name = name;
  if (message) result.message = message;
  if (type) result.type = type;
  const fieldErrors = readFieldErrors(parsed.errors, clean);
  if (fieldErrors) result.fieldErrors = fieldErrors;
  return result;
}

function readFieldErrors(
  raw: unknown,
  clean: (value: unknown) => string | undefined,
): FieldErrors | undefined {
  if (!isRecord(raw)) return undefined;
  const errors: FieldErrors = {};
  for (const [field, messages] of Object.entries(raw)) {
    const list = (Array.isArray(messages) ? messages : [messages]).map(clean).filter((m) => m !== undefined);
    const key = clean(field);
    if (key && list.length) errors[key] = list;
  }
  return errors;
}
