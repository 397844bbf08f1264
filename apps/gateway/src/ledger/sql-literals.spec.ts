import { Client } from 'pg';
import { Prisma } from '@app/database';
import { withLiterals } from './sql-literals';

const escape = (text: string) => Client.prototype.escapeLiteral(text);

describe('withLiterals', () => {
  it('quotes every kind of value the money statements send, as pg would send it', () => {
    const text = 'SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb';
    const values = [
      "O'Brien",
      12,
      10n,
      true,
      null,
      undefined,
      new Prisma.Decimal('5.50'),
      new Date('2026-11-25T16:00:00.123Z'),
      'back\\slash',
      { kind: "it's", n: 1 },
    ];
    expect(withLiterals(text, values, escape)).toBe(
      "SELECT 'O''Brien', '12', '10', 'true', NULL, NULL, '5.5', '2026-11-25T16:00:00.123Z', " +
        ` E'back\\\\slash', '{"kind":"it''s","n":1}'::jsonb`,
    );
  });

  it('tells $1 from $10', () => {
    const values = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(withLiterals('$1 $10', values, escape)).toBe("'1' '10'");
  });

  it('refuses values it cannot quote faithfully', () => {
    expect(() => withLiterals('$1', [[1, 2]], escape)).toThrow(/No literal/);
  });

  it('refuses a parameter it was not given, as a bound statement would', () => {
    expect(() => withLiterals('$1, $2', ['a'], escape)).toThrow(/No value for parameter \$2/);
  });

  it('refuses NaN and Infinity, which PostgreSQL would take as numeric values', () => {
    expect(() => withLiterals('$1', [Number.NaN], escape)).toThrow(/Not a finite number/);
    expect(() => withLiterals('$1', [Infinity], escape)).toThrow(/Not a finite number/);
    expect(() => withLiterals('$1', [new Prisma.Decimal(NaN)], escape)).toThrow(/Not a finite number/);
    expect(() => withLiterals('$1', [new Prisma.Decimal(-Infinity)], escape)).toThrow(/Not a finite/);
  });
});
