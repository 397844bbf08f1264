/** No body of the API nests deeper than a few levels; validators recurse, so a deeper one is refused. */
export const MAX_JSON_DEPTH = 32;

/**
 * Names of Object.prototype's members. class-validator's whitelist looks field names up in a plain
 * object, where these always exist, so it takes `{"toString": 1}` for a declared field and lets it in.
 */
const RESERVED_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export type JsonBodyProblem =
  { kind: 'too_deep' } | { kind: 'reserved_key'; path: string } | { kind: 'nul_character'; path: string };

const hasNul = (text: string) => text.includes('\u0000');

/**
 * What the gateway refuses in a parsed JSON body before validation; iterative, as bodies may be deep.
 * NUL characters, which PostgreSQL's text and jsonb cannot store, are refused in any key or string.
 */
export function jsonBodyProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonBodyProblem | null {
  const pending: [unknown, number, string][] = [[value, 1, '']];
  while (pending.length > 0) {
    const [node, depth, path] = pending.pop()!;
    if (typeof node === 'string' && hasNul(node)) return { kind: 'nul_character', path: path || '(body)' };
    if (node === null || typeof node !== 'object') continue;
    if (depth > maxDepth) return { kind: 'too_deep' };
    for (const [key, child] of Object.entries(node)) {
      const childPath = path ? `${path}.${key}` : key;
      if (!Array.isArray(node) && RESERVED_KEYS.has(key)) return { kind: 'reserved_key', path: childPath };
      if (hasNul(key)) return { kind: 'nul_character', path: childPath };
      pending.push([child, depth + 1, childPath]);
    }
  }
  return null;
}
