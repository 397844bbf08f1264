import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import type { ApiKey } from '@app/database';
import { GatewayError } from '../errors/gateway-error';
import { RequestContext } from '../tenancy/request-context';
import { hashSecret, issueApiKey, parseApiKey, secretMatches } from '../auth/api-key-format';
import { AuditRecorder } from '../audit/audit-recorder.service';
import { AuthSettings } from '../auth/auth-settings';
import { KeyVerifier } from '../auth/key-verifier.service';
import { DEFAULT_CUSTOMER_SCOPES, GatewayScope } from '../auth/scopes';
import { CustomersService } from '../customers/customers.service';
import { CreateApiKeyDto } from './api-key.dto';
import { apiKeyView, ApiKeyView } from './api-key.view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_GRACE_SECONDS = 86_400;

export interface IssuedKeyView extends ApiKeyView {
  /** The full key: shown in this response only. */
  key: string;
}

interface NewKey {
  customerId: string | null;
  name: string;
  scopes: GatewayScope[];
  expiresAt?: Date | null;
  allowedIps?: string[];
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly settings: AuthSettings,
    private readonly verifier: KeyVerifier,
    private readonly customers: CustomersService,
    private readonly audit: AuditRecorder,
  ) {}

  async issueForCustomer(customerId: string, dto: CreateApiKeyDto): Promise<IssuedKeyView> {
    await this.customers.findOrThrow(customerId);
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt <= new Date()) {
      throw new GatewayError(422, 'validate_exception', 'expiresAt must be in the future.', {
        fieldErrors: { expiresAt: ['expiresAt must be in the future'] },
        name: 'Bad Request',
      });
    }
    return this.issue({
      customerId,
      name: dto.name,
      scopes: dto.scopes ?? DEFAULT_CUSTOMER_SCOPES,
      expiresAt,
      allowedIps: dto.allowedIps ?? [],
    });
  }

  /** An admin key made outside of a request (zero-config start, tests); `issuer` is the audit actor. */
  async issueAdminKey(name: string, issuer = 'system'): Promise<IssuedKeyView> {
    const issued = await this.insertKey(this.prisma, { customerId: null, name, scopes: ['admin'] });
    await this.audit.record({
      actorType: 'job',
      actorId: issuer,
      action: 'api_key.create',
      target: issued.id,
      outcome: 'success',
      details: { name },
    });
    return issued;
  }

  /**
   * GATEWAY_BOOTSTRAP_ADMIN_KEY: make sure an admin key with exactly this value exists. Safe when
   * several instances boot at once (the loser of the insert finds the winner's row). A key an admin
   * has revoked stays revoked: 'revoked' tells the caller to say so.
   */
  async ensureAdminKey(rawKey: string, name = 'bootstrap'): Promise<'created' | 'exists' | 'revoked'> {
    const parsed = parseApiKey(rawKey);
    if (!parsed)
      throw new Error('GATEWAY_BOOTSTRAP_ADMIN_KEY is not a key of the form ssg_<12 chars>_<43 chars>');
    const existing = await this.prisma.apiKey.findUnique({ where: { publicId: parsed.publicId } });
    if (existing) return this.bootstrapKeyState(existing, parsed.secret);
    try {
      const row = await this.prisma.apiKey.create({
        data: {
          publicId: parsed.publicId,
          secretHash: hashSecret(parsed.secret, this.settings.keyPepper),
          name,
          scopes: ['admin'],
          allowedIps: [],
        },
      });
      await this.audit.record({
        actorType: 'job',
        actorId: 'bootstrap',
        action: 'api_key.create',
        target: row.id,
        outcome: 'success',
        details: { source: 'GATEWAY_BOOTSTRAP_ADMIN_KEY', name },
      });
      return 'created';
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error;
      const winner = await this.prisma.apiKey.findUniqueOrThrow({ where: { publicId: parsed.publicId } });
      return this.bootstrapKeyState(winner, parsed.secret);
    }
  }

  private bootstrapKeyState(key: ApiKey, secret: string): 'exists' | 'revoked' {
    const isSameAdminKey =
      key.customerId === null &&
      key.scopes.includes('admin') &&
      secretMatches(secret, key.secretHash, this.settings.keyPepper);
    if (!isSameAdminKey) {
      throw new Error(
        'GATEWAY_BOOTSTRAP_ADMIN_KEY collides with another key (same public id, different secret or ' +
          'not an admin key): choose a new value',
      );
    }
    return key.revokedAt ? 'revoked' : 'exists';
  }

  async list(customerId: string): Promise<ApiKeyView[]> {
    await this.customers.findOrThrow(customerId);
    const keys = await this.prisma.apiKey.findMany({ where: { customerId }, orderBy: { createdAt: 'asc' } });
    return keys.map(apiKeyView);
  }

  async revoke(keyId: string): Promise<ApiKeyView> {
    const key = await this.findOrThrow(keyId);
    RequestContext.annotateAudit({ target: key.id, customerId: key.customerId ?? undefined });
    const revoked = key.revokedAt
      ? key
      : await this.prisma.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    this.verifier.forget(key.publicId);
    return apiKeyView(revoked);
  }

  /**
   * A new key with the same settings; the old one keeps working until the grace period ends. One
   * transaction, and the old key is claimed with a conditional update: two concurrent rotations of
   * the same key make one new key, the other gets 409.
   */
  async rotate(keyId: string, gracePeriodSeconds = DEFAULT_GRACE_SECONDS): Promise<IssuedKeyView> {
    const old = await this.findOrThrow(keyId);
    RequestContext.annotateAudit({ target: old.id, customerId: old.customerId ?? undefined });
    const issued = await this.prisma.$transaction(async (tx) => {
      const now = new Date();
      const created = await this.insertKey(tx, {
        customerId: old.customerId,
        name: old.name,
        scopes: old.scopes as GatewayScope[],
        expiresAt: old.expiresAt,
        allowedIps: old.allowedIps,
      });
      const claimed = await tx.apiKey.updateMany({
        where: {
          id: old.id,
          revokedAt: null,
          replacedById: null,
          OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
        },
        data: { graceEndsAt: new Date(now.getTime() + gracePeriodSeconds * 1000), replacedById: created.id },
      });
      if (claimed.count !== 1) {
        throw new GatewayError(409, 'conflict', 'This key is revoked, expired or already rotated.');
      }
      return created;
    });
    this.verifier.forget(old.publicId);
    RequestContext.annotateAudit({ details: { replacedById: issued.id } });
    return issued;
  }

  private async issue(input: NewKey): Promise<IssuedKeyView> {
    const issued = await this.insertKey(this.prisma, input);
    RequestContext.annotateAudit({ target: issued.id, customerId: issued.customerId ?? undefined });
    return issued;
  }

  private async insertKey(
    db: Pick<PrismaService, 'apiKey'> | Prisma.TransactionClient,
    input: NewKey,
  ): Promise<IssuedKeyView> {
    const issued = issueApiKey();
    const row = await db.apiKey.create({
      data: {
        customerId: input.customerId,
        publicId: issued.publicId,
        secretHash: hashSecret(issued.secret, this.settings.keyPepper),
        name: input.name,
        scopes: input.scopes,
        expiresAt: input.expiresAt ?? null,
        allowedIps: input.allowedIps ?? [],
      },
    });
    return { ...apiKeyView(row), key: issued.key };
  }

  private async findOrThrow(keyId: string): Promise<ApiKey> {
    const key = UUID.test(keyId) ? await this.prisma.apiKey.findUnique({ where: { id: keyId } }) : null;
    if (!key) throw new GatewayError(404, 'not_found_http_exception', 'API key not found.');
    return key;
  }
}
