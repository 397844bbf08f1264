import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import type { ApiKey } from '@app/database';
import { GatewayError } from '../errors/gateway-error';
import { RequestContext } from '../tenancy/request-context';
import { hashSecret, issueApiKey, parseApiKey } from '../auth/api-key-format';
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

  async issueAdminKey(name: string): Promise<IssuedKeyView> {
    return this.issue({ customerId: null, name, scopes: ['admin'] });
  }

  /** GATEWAY_BOOTSTRAP_ADMIN_KEY: make sure an admin key with exactly this value exists. */
  async ensureAdminKey(rawKey: string, name = 'bootstrap'): Promise<'created' | 'exists'> {
    const parsed = parseApiKey(rawKey);
    if (!parsed)
      throw new Error('GATEWAY_BOOTSTRAP_ADMIN_KEY is not a key of the form ssg_<12 chars>_<43 chars>');
    const secretHash = hashSecret(parsed.secret, this.settings.keyPepper);
    const existing = await this.prisma.apiKey.findUnique({ where: { publicId: parsed.publicId } });
    if (existing) {
      if (existing.secretHash !== secretHash || existing.customerId !== null) {
        throw new Error('GATEWAY_BOOTSTRAP_ADMIN_KEY collides with another key: choose a new value');
      }
      return 'exists';
    }
    await this.prisma.apiKey.create({
      data: { publicId: parsed.publicId, secretHash, name, scopes: ['admin'], allowedIps: [] },
    });
    return 'created';
  }

  async list(customerId: string): Promise<ApiKeyView[]> {
    await this.customers.findOrThrow(customerId);
    const keys = await this.prisma.apiKey.findMany({ where: { customerId }, orderBy: { createdAt: 'asc' } });
    return keys.map(apiKeyView);
  }

  async revoke(keyId: string): Promise<ApiKeyView> {
    const key = await this.findOrThrow(keyId);
    const revoked = key.revokedAt
      ? key
      : await this.prisma.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    this.verifier.forget(key.publicId);
    return apiKeyView(revoked);
  }

  /** A new key with the same settings; the old one keeps working until the grace period ends. */
  async rotate(keyId: string, gracePeriodSeconds = DEFAULT_GRACE_SECONDS): Promise<IssuedKeyView> {
    const old = await this.findOrThrow(keyId);
    if (old.revokedAt || old.replacedById) {
      throw new GatewayError(409, 'conflict', 'This key is revoked or already rotated.');
    }
    const issued = await this.issue({
      customerId: old.customerId,
      name: old.name,
      scopes: old.scopes as GatewayScope[],
      expiresAt: old.expiresAt,
      allowedIps: old.allowedIps,
    });
    const graceEndsAt = new Date(Date.now() + gracePeriodSeconds * 1000);
    await this.prisma.apiKey.update({
      where: { id: old.id },
      data: { graceEndsAt, replacedById: issued.id },
    });
    this.verifier.forget(old.publicId);
    return issued;
  }

  private async issue(input: NewKey): Promise<IssuedKeyView> {
    const issued = issueApiKey();
    const row = await this.prisma.apiKey.create({
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
    RequestContext.annotateAudit({ target: row.id, customerId: row.customerId ?? undefined });
    return { ...apiKeyView(row), key: issued.key };
  }

  private async findOrThrow(keyId: string): Promise<ApiKey> {
    const key = UUID.test(keyId) ? await this.prisma.apiKey.findUnique({ where: { id: keyId } }) : null;
    if (!key) throw new GatewayError(404, 'not_found_http_exception', 'API key not found.');
    return key;
  }
}
