import { Prisma } from '@app/database';

type Escape = (text: string) => string;

/**
 * `text` with its `$n` parameters replaced by quoted literals (pg's own `escapeLiteral`), for a
 * statement sent together with another one: the simple protocol takes several statements in one
 * message but no parameters. A quoted literal is typed by PostgreSQL exactly like a parameter of
 * unknown type, so the statement means the same. Only for the statements of this folder, whose
 * text holds no `$` other than parameters.
 */
export function withLiterals(text: string, values: readonly unknown[], escape: Escape): string {
  return text.replace(/\$(\d+)\b/g, (_match, index: string) => {
    // A bound statement would fail on a parameter it was not given; so does this.
    if (Number(index) > values.length) throw new Error(`No value for parameter $${index}`);
    return literal(values[Number(index) - 1], escape);
  });
}

function literal(value: unknown, escape: Escape): string {
  if (value === null || value === undefined) return 'NULL';
  if (Prisma.Decimal.isDecimal(value)) return escape(finite(value.toString(), value.isFinite()));
  if (value instanceof Date) return escape(value.toISOString());
  switch (typeof value) {
    case 'string':
      return escape(value);
    case 'number':
      return escape(finite(String(value), Number.isFinite(value)));
    case 'bigint':
    case 'boolean':
      return escape(String(value));
    case 'object':
      if (Array.isArray(value) || Buffer.isBuffer(value)) break;
      return escape(JSON.stringify(value));
  }
  throw new Error(`No literal for a parameter of type ${typeof value}`);
}

/** NaN and Infinity are valid numeric literals to PostgreSQL, and never an amount. */
function finite(text: string, isFinite: boolean): string {
  if (!isFinite) throw new Error(`Not a finite number: ${text}`);
  return text;
}
