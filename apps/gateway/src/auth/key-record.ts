import { GatewayScope } from './scopes';

/** What verifying a key needs to know, as cached between database reads. */
export interface KeyRecord {
  id: string;
  customerId: string | null;
  customerActive: boolean;
  secretHash: string;
  scopes: GatewayScope[];
  allowedIps: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  graceEndsAt: Date | null;
}

export type KeyRejection = 'unknown' | 'bad_secret' | 'revoked' | 'expired' | 'suspended' | 'ip_not_allowed';

export type KeyVerification =
  | { ok: true; key: KeyRecord }
  | { ok: false; reason: KeyRejection; keyId?: string; customerId?: string | null };
