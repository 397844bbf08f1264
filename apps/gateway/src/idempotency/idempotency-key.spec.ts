import { GatewayError } from '../errors/gateway-error';
import { parseIdempotencyKey, sentIdempotencyKey } from './idempotency-key';

describe('parseIdempotencyKey', () => {
  it('is null when the request sent none', () => {
    expect(parseIdempotencyKey(undefined)).toBeNull();
  });

  it.each(['a', '0f8fad5b-d9cb-469f-a165-70867728950e', 'order 42/retry#1', 'x'.repeat(255)])(
    'accepts %p',
    (key) => {
      expect(parseIdempotencyKey(key)).toBe(key);
    },
  );

  it.each(['', 'x'.repeat(256), 'tab\there', 'ключ', ' padded', 'line\nbreak'])(
    'refuses %p with 400',
    (key) => {
      expect(() => parseIdempotencyKey(key)).toThrow(GatewayError);
      try {
        parseIdempotencyKey(key);
      } catch (error) {
        expect(error).toMatchObject({ status: 400, type: 'bad_request_http_exception' });
      }
    },
  );

  it('refuses several headers', () => {
    expect(() => parseIdempotencyKey(['a', 'b'])).toThrow(/one Idempotency-Key/);
  });

  it('sees every Idempotency-Key line, which Node would join into one "a, b" value', () => {
    const raw = ['Host', 'x', 'Idempotency-Key', 'a', 'idempotency-key', 'b'];
    expect(sentIdempotencyKey(raw)).toEqual(['a', 'b']);
    expect(() => parseIdempotencyKey(sentIdempotencyKey(raw))).toThrow(/one Idempotency-Key/);
    expect(sentIdempotencyKey(['Idempotency-Key', 'a, b'])).toBe('a, b');
    expect(sentIdempotencyKey(['Host', 'x'])).toBeUndefined();
  });
});
