import { createHash } from 'node:crypto';

/**
 * A statement run often enough that PostgreSQL should parse and plan it once per connection: run with
 * `PrismaService.run`, it is a prepared (named) statement unless the database options turn them off.
 */
export interface NamedStatement {
  readonly name: string;
  readonly text: string;
}

/** The name follows from the text, so two declarations of one statement share one prepared copy. */
export function namedStatement(text: string): NamedStatement {
  return { name: `ssg_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text };
}
