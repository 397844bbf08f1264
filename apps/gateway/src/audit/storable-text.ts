// NUL is exactly what must be matched here.
// eslint-disable-next-line no-control-regex
const NOT_STORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const REPLACEMENT = '\uFFFD';

/**
 * Text as PostgreSQL can store it: NUL characters (which text and jsonb refuse) and lone surrogates
 * (which are not UTF-8) become U+FFFD. Applied to an audit row before it is hashed, so that what is
 * stored is what the hash covers, and one hostile URL cannot make its row, and the batch it is
 * written with, fail forever.
 */
export function storableText(text: string): string {
  return text.replace(NOT_STORABLE, REPLACEMENT);
}

/** The same for every string, key included, of a JSON-like value. */
export function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, child]) => [
      storableText(key),
      storableJson(child),
    ]),
  );
}
