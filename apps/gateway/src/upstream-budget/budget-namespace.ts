import { createHash } from 'node:crypto';

/**
 * Instances share a bucket when they use the same master token against the same StreamSkill: the
 * namespace is derived from both (hashed: the token never reaches Redis or the database). The braces
 * are a Redis Cluster hash tag, keeping every key of one budget on one slot.
 */
export function budgetNamespace(baseUrl: string, token: string): string {
  const identity = createHash('sha256').update(`${baseUrl}\n${token}`).digest('hex').slice(0, 16);
  return `ssg:upstream-budget:{${identity}}`;
}
