export const REDACTED = '[redacted]';

/** Header paths pino redacts on the serialized request and response (Node lower-cases header names). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
];

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
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1)) as T;
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    copy[name] = isSensitiveName(name) && field != null ? REDACTED : redactSecrets(field, depth + 1);
  }
  return copy as T;
}

/** A gateway key anywhere in a string (a URL's query, a message): the public id stays, the secret goes. */
const API_KEY_IN_TEXT = /\b(ssg_[a-z0-9]{12}_)[A-Za-z0-9]{43}\b/g;

export function redactApiKeys(text: string): string {
  return text.replace(API_KEY_IN_TEXT, `$1${REDACTED}`);
}
