import { Injectable } from '@nestjs/common';
import { namedStatement, PrismaService } from '@app/database';
import { parseApiKey, secretMatches } from './api-key-format';
import { AuthSettings } from './auth-settings';
import { IpAllowlist } from './ip-allowlist';
import { KeyCache } from './key-cache';
import { KeyRecord, KeyVerification } from './key-record';
import { isGatewayScope } from './scopes';

interface KeyRow {
  id: string;
  customerId: string | null;
  secretHash: string;
  scopes: string[] | null;
  allowedIps: string[] | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  graceEndsAt: Date | null;
  /** null for admin keys, which have no customer. */
  customerStatus: string | null;
}

// The key's timestamps have no time zone and hold UTC, as Prisma writes them.
const KEY_BY_PUBLIC_ID = namedStatement(`
  SELECT k.id, k.customer_id AS "customerId", k.secret_hash AS "secretHash", k.scopes,
    k.allowed_ips AS "allowedIps", k.expires_at AT TIME ZONE 'UTC' AS "expiresAt",
    k.revoked_at AT TIME ZONE 'UTC' AS "revokedAt", k.grace_ends_at AT TIME ZONE 'UTC' AS "graceEndsAt",
    c.status::text AS "customerStatus"
  FROM api_keys k LEFT JOIN customers c ON c.id = k.customer_id
  WHERE k.public_id = $1`);

/** Checks a presented key: format, secret (constant time), revoke, expiry and grace, customer status, IP. */
@Injectable()
export class KeyVerifier {
  private readonly cache: KeyCache;
  private readonly allowlists = new WeakMap<KeyRecord, IpAllowlist>();
  private readonly loading = new Map<string, Promise<KeyRecord | null>>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly settings: AuthSettings,
  ) {
    this.cache = new KeyCache(settings.keyCacheTtlMs);
  }

  async verify(presented: string, ip: string | undefined, now = new Date()): Promise<KeyVerification> {
    const parsed = parseApiKey(presented);
    if (!parsed) return { ok: false, reason: 'unknown' };
    const key = await this.load(parsed.publicId);
    if (!key) return { ok: false, reason: 'unknown' };
    const rejected = (reason: Exclude<KeyVerification, { ok: true }>['reason']): KeyVerification => ({
      ok: false,
      reason,
      keyId: key.id,
      customerId: key.customerId,
    });
    if (!secretMatches(parsed.secret, key.secretHash, this.settings.keyPepper)) return rejected('bad_secret');
    if (key.revokedAt && key.revokedAt <= now) return rejected('revoked');
    if (key.expiresAt && key.expiresAt <= now) return rejected('expired');
    if (key.graceEndsAt && key.graceEndsAt <= now) return rejected('expired');
    if (!key.customerActive) return rejected('suspended');
    if (!this.allowlistOf(key).allows(ip)) return rejected('ip_not_allowed');
    return { ok: true, key };
  }

  /** Drops this instance's cached copy at once; other instances notice within the TTL. */
  forget(publicId: string): void {
    this.cache.delete(publicId);
    this.loading.delete(publicId);
  }

  forgetAll(): void {
    this.cache.clear();
    this.loading.clear();
  }

  /**
   * Concurrent misses of one key (every TTL, under load) share one read. A read that `forget` overtook
   * is not cached: it may predate the revoke.
   */
  private load(publicId: string): Promise<KeyRecord | null> {
    const cached = this.cache.get(publicId);
    if (cached !== undefined) return Promise.resolve(cached);
    const inFlight = this.loading.get(publicId);
    if (inFlight) return inFlight;
    const loading: Promise<KeyRecord | null> = this.read(publicId).then((record) => {
      if (this.loading.get(publicId) === loading) this.cache.set(publicId, record);
      return record;
    });
    const settled = () => {
      if (this.loading.get(publicId) === loading) this.loading.delete(publicId);
    };
    loading.then(settled, settled);
    this.loading.set(publicId, loading);
    return loading;
  }

  /** Plain SQL: this read runs for every key once per cache TTL, and Prisma's costs several times more. */
  private async read(publicId: string): Promise<KeyRecord | null> {
    const rows = await this.prisma.run<KeyRow>(KEY_BY_PUBLIC_ID, [publicId]);
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      customerId: row.customerId,
      customerActive: row.customerStatus === null ? true : row.customerStatus === 'active',
      secretHash: row.secretHash,
      scopes: (row.scopes ?? []).filter(isGatewayScope),
      allowedIps: row.allowedIps ?? [],
      expiresAt: row.expiresAt,
      revokedAt: row.revokedAt,
      graceEndsAt: row.graceEndsAt,
    };
  }

  private allowlistOf(key: KeyRecord): IpAllowlist {
    let allowlist = this.allowlists.get(key);
    if (!allowlist) {
      allowlist = new IpAllowlist(key.allowedIps);
      this.allowlists.set(key, allowlist);
    }
    return allowlist;
  }
}
