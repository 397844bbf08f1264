import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level: the same payload always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, sortKeys(record[key])]),
  );
}

/** What makes two requests "the same request": method, path, query (sorted) and body. */
export function requestFingerprint(request: { method: string; url: string; body: unknown }): string {
  const [path, query = ''] = request.url.split('?', 2);
  const params = new URLSearchParams(query);
  params.sort();
  return createHash('sha256')
    .update(`${request.method.toUpperCase()}\n${path}\n${params.toString()}\n${canonicalJson(request.body)}`)
    .digest('hex');
}
