export const REDACTED = '[redacted]';

const SENSITIVE_NAME = /token|secret|passw|pepper|credential|authorization|cookie|api[-_]?key/i;
const KEY_SUFFIX_SNAKE = /(^|[-_.])key$/i;
const KEY_SUFFIX_CAMEL = /[a-z0-9]Key$/;
const MAX_DEPTH = 8;

/** `token`, `apiKey`, `client_secret`, `x-api-key`, `password`... but not `keyId` or `monkey`. */
export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name) || KEY_SUFFIX_SNAKE.test(name) || KEY_SUFFIX_CAMEL.test(name);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Copies a logged object with every sensitive-looking field replaced. Only plain objects and arrays
 * are walked: requests, responses and errors have serializers of their own and can be huge.
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  // Most lines hold nothing to mask: they are then logged as they are, without a copy.
  return holdsSecrets(value, depth) ? copyRedacted(value, depth) : value;
}

function holdsSecrets(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.some((item) => holdsSecrets(item, depth + 1));
  if (!isPlainObject(value)) return false;
  for (const name in value) {
    const field = value[name];
    if (isSensitiveName(name) ? field != null : holdsSecrets(field, depth + 1)) return true;
  }
  return false;
}

function copyRedacted<T>(value: T, depth: number): T {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => copyRedacted(item, depth + 1)) as T;
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    copy[name] = isSensitiveName(name) && field != null ? REDACTED : copyRedacted(field, depth + 1);
  }
  return copy as T;
}

/** A gateway key anywhere in a string (a URL's query, a message): the public id stays, the secret goes. */
const API_KEY_IN_TEXT = /\b(ssg_[a-z0-9]{12}_)[A-Za-z0-9]{43}\b/g;

export function redactApiKeys(text: string): string {
  return text.replace(API_KEY_IN_TEXT, `$1${REDACTED}`);
}
