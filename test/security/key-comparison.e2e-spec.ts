import * as crypto from 'node:crypto';
import type { PrismaService } from '@app/database';
import { hashSecret, issueApiKey } from '../../apps/gateway/src/auth/api-key-format';
import { KeyVerifier } from '../../apps/gateway/src/auth/key-verifier.service';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

const PEPPER = 'unit-pepper-0123456789abcdef0123456789';
const timingSafeEqual = crypto.timingSafeEqual as jest.MockedFunction<typeof crypto.timingSafeEqual>;

/** A verifier over one stored key row, without a database (a unit test: nothing is timed). */
function verifierFor(storedHash: string) {
  const row = {
    id: '00000000-0000-4000-8000-000000000001',
    customerId: null,
    secretHash: storedHash,
    scopes: ['admin'],
    allowedIps: [],
    expiresAt: null,
    revokedAt: null,
    graceEndsAt: null,
    customerStatus: null,
  };
  const prisma = { run: async () => [row] } as unknown as PrismaService;
  return new KeyVerifier(prisma, { keyPepper: PEPPER, keyCacheTtlMs: 0 });
}

/**
 * The secret check must not return early on the first differing byte: the verifier compares the
 * HMAC digests of the presented and the stored secret with crypto.timingSafeEqual, on equal lengths.
 */
describe('key secret comparison', () => {
  const issued = issueApiKey();
  const wrongSecret = `ssg_${issued.publicId}_${'W'.repeat(43)}`;
  const almostRight = `ssg_${issued.publicId}_${issued.secret.slice(0, 42)}${issued.secret.endsWith('a') ? 'b' : 'a'}`;

  beforeEach(() => timingSafeEqual.mockClear());

  it.each([
    ['the right secret', issued.key, true],
    ['a wrong secret', wrongSecret, false],
    ['a secret wrong in its last character only', almostRight, false],
  ])('compares %s with timingSafeEqual on two 32-byte digests', async (_label, presented, ok) => {
    const result = await verifierFor(hashSecret(issued.secret, PEPPER)).verify(presented, '127.0.0.1');
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toBe('bad_secret');
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    const [candidate, stored] = timingSafeEqual.mock.calls[0] as [Buffer, Buffer];
    expect([candidate.length, stored.length]).toEqual([32, 32]);
    expect(stored.equals(Buffer.from(hashSecret(issued.secret, PEPPER), 'hex'))).toBe(true);
  });

  it('never compares a raw secret: what it compares is the peppered HMAC', async () => {
    await verifierFor(hashSecret(issued.secret, PEPPER)).verify(wrongSecret, '127.0.0.1');
    const [candidate] = timingSafeEqual.mock.calls[0] as [Buffer, Buffer];
    expect(candidate.equals(Buffer.from(hashSecret('W'.repeat(43), PEPPER), 'hex'))).toBe(true);
    expect(candidate.toString('latin1')).not.toContain('WWWW');
  });

  it('refuses a stored hash of another length without comparing (lengths are public)', async () => {
    const result = await verifierFor('abcd').verify(issued.key, '127.0.0.1');
    expect(result).toMatchObject({ ok: false, reason: 'bad_secret' });
    expect(timingSafeEqual).not.toHaveBeenCalled();
  });
});
