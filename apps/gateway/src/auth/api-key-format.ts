import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** `ssg_<public id>_<secret>`: the public id finds the row, the secret proves possession. */
const KEY_PATTERN = /^ssg_([a-z0-9]{12})_([A-Za-z0-9]{43})$/;
const PUBLIC_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export interface ParsedApiKey {
  publicId: string;
  secret: string;
}

export interface IssuedApiKey extends ParsedApiKey {
  key: string;
  prefix: string;
}

export function issueApiKey(): IssuedApiKey {
  const publicId = Array.from(randomBytes(12), (byte) => PUBLIC_ID_ALPHABET[byte % 36]).join('');
  const secret = randomBytes(32).toString('base64url').replace(/[-_]/g, 'x').slice(0, 43);
  return { publicId, secret, key: `ssg_${publicId}_${secret}`, prefix: `ssg_${publicId}` };
}

export function parseApiKey(key: string): ParsedApiKey | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { publicId: match[1], secret: match[2] } : null;
}

export function hashSecret(secret: string, pepper: string): string {
  return createHmac('sha256', pepper).update(secret).digest('hex');
}

/** Constant-time: both sides are fixed-length HMAC digests. */
export function secretMatches(secret: string, storedHash: string, pepper: string): boolean {
  const candidate = Buffer.from(hashSecret(secret, pepper), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}
