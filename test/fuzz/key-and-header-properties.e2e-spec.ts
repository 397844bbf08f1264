import fc from 'fast-check';
import { resolveRequestId } from '@app/common';
import {
  hashSecret,
  issueApiKey,
  parseApiKey,
  secretMatches,
} from '../../apps/gateway/src/auth/api-key-format';
import { parseIdempotencyKey, sentIdempotencyKey } from '../../apps/gateway/src/idempotency/idempotency-key';
import { hostileString } from './support/hostile-values';

/*
 * Property-based unit tests of the key and header parsers (named e2e-spec only because jest
 * collects the suites under test/ by that name; nothing here starts a gateway).
 */
const PEPPER = 'property-pepper-0123456789abcdef0123';
const alphabet = (chars: string, length: number) =>
  fc.string({ unit: fc.constantFrom(...chars), minLength: length, maxLength: length });
const publicId = alphabet('abcdefghijklmnopqrstuvwxyz0123456789', 12);
const secret = alphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 43);

describe('API key format', () => {
  it('parses back every well-formed key into its public id and secret', () => {
    fc.assert(
      fc.property(publicId, secret, (id, value) => {
        expect(parseApiKey(`ssg_${id}_${value}`)).toEqual({ publicId: id, secret: value });
      }),
    );
  });

  it('parses every key it issues', () => {
    fc.assert(
      fc.property(fc.constant(null), () => {
        const issued = issueApiKey();
        expect(parseApiKey(issued.key)).toEqual({ publicId: issued.publicId, secret: issued.secret });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses anything else without throwing, padding and line breaks included', () => {
    const noisy = fc
      .tuple(publicId, secret, hostileString, fc.constantFrom('prefix', 'suffix', 'inside'))
      .filter(([, , noise]) => noise.length > 0)
      .map(([id, value, noise, where]) =>
        where === 'prefix'
          ? `${noise}ssg_${id}_${value}`
          : where === 'suffix'
            ? `ssg_${id}_${value}${noise}`
            : `ssg_${id}${noise}_${value}`,
      );
    fc.assert(fc.property(fc.oneof(noisy, hostileString), (text) => expect(parseApiKey(text)).toBeNull()));
  });

  it('matches a secret against its own digest only', () => {
    fc.assert(
      fc.property(secret, secret, (value, other) => {
        const stored = hashSecret(value, PEPPER);
        expect(stored).toMatch(/^[0-9a-f]{64}$/);
        expect(secretMatches(value, stored, PEPPER)).toBe(true);
        expect(secretMatches(other, stored, PEPPER)).toBe(value === other);
        expect(secretMatches(value, stored, `${PEPPER}x`)).toBe(false);
      }),
    );
  });
});

describe('Idempotency-Key', () => {
  const headerLines = fc.array(
    fc.tuple(fc.constantFrom('Idempotency-Key', 'idempotency-key', 'Host', 'X-Other'), hostileString),
    { maxLength: 5 },
  );

  it('yields a key of 1 to 255 printable ASCII characters, or refuses with 400, from any header lines', () => {
    fc.assert(
      fc.property(headerLines, (lines) => {
        const keyLines = lines.filter(([name]) => name.toLowerCase() === 'idempotency-key');
        let key: string | null;
        try {
          key = parseIdempotencyKey(sentIdempotencyKey(lines.flat()));
        } catch (error) {
          expect(error).toMatchObject({ status: 400 });
          return;
        }
        expect(keyLines.length).toBeLessThanOrEqual(1);
        if (key === null) {
          expect(keyLines).toEqual([]);
          return;
        }
        expect(key).toMatch(/^[\x20-\x7e]{1,255}$/);
        expect(key).toBe(key.trim());
      }),
    );
  });
});

describe('X-Request-Id', () => {
  it('echoes only short plain tokens, and replaces anything else with a fresh id', () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, fc.stringMatching(/^[A-Za-z0-9._:-]{1,140}$/)), (incoming) => {
        const id = resolveRequestId(incoming);
        expect(id).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
        if (id === incoming) expect(incoming.length).toBeLessThanOrEqual(128);
      }),
    );
  });
});
