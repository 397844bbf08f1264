import { hashSecret, issueApiKey, parseApiKey, secretMatches } from './api-key-format';

describe('API key format', () => {
  it('issues keys that parse back into their public id and secret', () => {
    const issued = issueApiKey();
    expect(issued.key).toMatch(/^ssg_[a-z0-9]{12}_[A-Za-z0-9]{43}$/);
    expect(parseApiKey(issued.key)).toEqual({ publicId: issued.publicId, secret: issued.secret });
    expect(issued.prefix).toBe(`ssg_${issued.publicId}`);
  });

  it('never issues the same key twice', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => issueApiKey().key));
    expect(keys.size).toBe(1000);
  });

  it.each(['', 'ssg_', 'Bearer x', 'ssg_short_secret', `sk_${'a'.repeat(12)}_${'b'.repeat(43)}`])(
    'rejects malformed key %p',
    (key) => expect(parseApiKey(key)).toBeNull(),
  );

  it('matches a secret only against the HMAC made with the same pepper', () => {
    const { secret } = issueApiKey();
    const stored = hashSecret(secret, 'pepper-one');
    expect(stored).not.toContain(secret);
    expect(secretMatches(secret, stored, 'pepper-one')).toBe(true);
    expect(secretMatches(secret, stored, 'pepper-two')).toBe(false);
    expect(secretMatches(`${secret.slice(0, -1)}x`, stored, 'pepper-one')).toBe(secret.endsWith('x'));
  });

  it('treats a corrupted stored hash as a mismatch, not an error', () => {
    expect(secretMatches('abc', 'not-hex', 'p')).toBe(false);
  });
});
