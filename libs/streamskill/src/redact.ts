export const REDACTED = '[REDACTED]';

/** Removes a secret from text that came from outside (an upstream message might echo a header). */
export function redactSecret(text: string, secret: string): string {
  return secret ? text.split(secret).join(REDACTED) : text;
}
