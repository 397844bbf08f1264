import fc from 'fast-check';
import type { JsonSchema } from './openapi-operations';

const LONG = 100_000;

/** Strings that break naive code: control characters, NUL, RTL overrides, emoji, surrogate halves, huge. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 4 },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\u202eevil\u202c',
      '\u200f\u05e9\u05dc\u05d5\u05dd',
      '👩‍👩‍👧‍👦🔥',
      '\ud800',
      '\r\n\r\n',
      '${jndi:ldap://x}',
      "'; DROP TABLE customers; --",
      '<script>alert(1)</script>',
      '../../../../etc/passwd',
      '%00',
      'NaN',
      'Infinity',
      '-Infinity',
      '1e309',
      '-0',
      '0x10',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
    ),
  },
  {
    arbitrary: fc.constantFrom('x', '💥', '\u202e').map((unit) => unit.repeat(LONG / unit.length)),
    weight: 1,
  },
);

/** Numbers at and past every boundary a handler or a database column may have. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    -0,
    0.5,
    1.5,
    -1e308,
    1e308,
    2 ** 31,
    2 ** 31 - 1,
    2 ** 53,
    2 ** 63,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_VALUE,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Strings shaped like ids, cursors, amounts and dates, on both sides of their limits. */
export const nearValidString: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^-?\d{1,25}$/),
  fc.stringMatching(/^[0-9a-f-]{36}$/),
  fc.constantFrom('-'.repeat(36), 'f'.repeat(36), '00000000-0000-0000-0000-000000000000'),
  fc.stringMatching(/^\d{1,16}\.\d{1,4}$/),
  fc.constantFrom('9223372036854775807', '9223372036854775808', '99999999999999999999', '2147483648'),
  fc.constantFrom('2026-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '9999-12-31'),
);

/** Arrays and objects nested far deeper than any body the gateway reads. */
export const deeplyNested: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 33, max: 3_000 }), fc.boolean())
  .map(([depth, asArray]) => {
    let value: unknown = 1;
    for (let level = 0; level < depth; level++) value = asArray ? [value] : { a: value };
    return value;
  });

/** Any JSON value a hostile client may send, nested included. */
export const anyHostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  nearValidString,
  hostileNumber,
  fc.constantFrom(null, true, false, [], {}),
  deeplyNested,
  fc.array(hostileString, { maxLength: 5 }),
);

/**
 * A value that no validator may accept for a property of this schema: a nested structure for a
 * scalar, a scalar for an array. Undefined when the document is too vague to be sure (type object).
 */
export function wrongTypeFor(schema: JsonSchema): fc.Arbitrary<unknown> | undefined {
  switch (schema.type) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
      return fc.oneof(deeplyNested, fc.constant([]), fc.constant({ value: 1 }));
    case 'array':
      return fc.oneof(hostileString, hostileNumber, fc.constant({ length: 1 }));
    default:
      return undefined;
  }
}

/** A number the schema refuses: below its minimum, above its maximum, or a fraction for an integer. */
export function outOfRangeFor(schema: JsonSchema): fc.Arbitrary<number> | undefined {
  const choices: fc.Arbitrary<number>[] = [];
  if (schema.minimum !== undefined) choices.push(fc.constantFrom(schema.minimum - 1, -1e308, -(2 ** 63)));
  if (schema.maximum !== undefined) choices.push(fc.constantFrom(schema.maximum + 1, 1e308, 2 ** 63));
  if (schema.type === 'integer') choices.push(fc.constantFrom(1.5, 0.000001, 99.9));
  return choices.length ? fc.oneof(...choices) : undefined;
}

/** encodeURIComponent that never throws: a lone surrogate is sent as U+FFFD, as a UTF-8 client would. */
export function percentEncode(text: string): string {
  return encodeURIComponent(Buffer.from(text, 'utf8').toString('utf8'));
}
