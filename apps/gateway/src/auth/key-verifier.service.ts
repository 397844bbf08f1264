import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { parseApiKey, secretMatches } from './api-key-format';
import { AuthSettings } from './auth-settings';
import { IpAllowlist } from './ip-allowlist';
import { KeyCache } from './key-cache';
import { KeyRecord, KeyVerification } from './key-record';
import { isGatewayScope } from './scopes';

/** Checks a presented key: format, secret (constant time), revoke, expiry and grace, customer status, IP. */
@Injectable()
export class KeyVerifier {
  private readonly cache: KeyCache;
  private readonly allowlists = new WeakMap<KeyRecord, IpAllowlist>();

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
  }

  forgetAll(): void {
    this.cache.clear();
  }

  private async load(publicId: string): Promise<KeyRecord | null> {
    const cached = this.cache.get(publicId);
    if (cached !== undefined) return cached;
    const row = await this.prisma.apiKey.findUnique({
      where: { publicId },
      include: { customer: { select: { status: true } } },
    });
    const record: KeyRecord | null = row && {
      id: row.id,
      customerId: row.customerId,
      customerActive: row.customer ? row.customer.status === 'active' : true,
      secretHash: row.secretHash,
      scopes: row.scopes.filter(isGatewayScope),
      allowedIps: row.allowedIps,
      expiresAt: row.expiresAt,
      revokedAt: row.revokedAt,
      graceEndsAt: row.graceEndsAt,
    };
    this.cache.set(publicId, record);
    return record;
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
