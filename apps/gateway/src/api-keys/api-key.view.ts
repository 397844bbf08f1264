import type { ApiKey } from '@app/database';

export type ApiKeyStatus = 'active' | 'rotating' | 'revoked' | 'expired';

export interface ApiKeyView {
  id: string;
  customerId: string | null;
  prefix: string;
  name: string;
  scopes: string[];
  allowedIps: string[];
  status: ApiKeyStatus;
  expiresAt: string | null;
  revokedAt: string | null;
  graceEndsAt: string | null;
  replacedById: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  createdAt: string;
}

export function keyStatus(key: ApiKey, now = new Date()): ApiKeyStatus {
  if (key.revokedAt && key.revokedAt <= now) return 'revoked';
  if ((key.expiresAt && key.expiresAt <= now) || (key.graceEndsAt && key.graceEndsAt <= now))
    return 'expired';
  return key.graceEndsAt ? 'rotating' : 'active';
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function apiKeyView(key: ApiKey): ApiKeyView {
  return {
    id: key.id,
    customerId: key.customerId,
    prefix: `ssg_${key.publicId}`,
    name: key.name,
    scopes: key.scopes,
    allowedIps: key.allowedIps,
    status: keyStatus(key),
    expiresAt: iso(key.expiresAt),
    revokedAt: iso(key.revokedAt),
    graceEndsAt: iso(key.graceEndsAt),
    replacedById: key.replacedById,
    lastUsedAt: iso(key.lastUsedAt),
    lastUsedIp: key.lastUsedIp,
    createdAt: key.createdAt.toISOString(),
  };
}
