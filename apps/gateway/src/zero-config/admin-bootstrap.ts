import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { PrismaService } from '@app/database';
import { ApiKeysService } from '../api-keys/api-keys.service';
import type { Runtime } from './zero-config';

/**
 * GATEWAY_BOOTSTRAP_ADMIN_KEY makes sure an admin key with that value exists. A zero-config start
 * with no admin key at all issues one and returns it so that it is printed, once.
 */
export async function ensureAdminAccess(
  app: NestFastifyApplication,
  runtime: Runtime,
): Promise<string | null> {
  const keys = app.get(ApiKeysService);
  const bootstrapKey = runtime.env.GATEWAY_BOOTSTRAP_ADMIN_KEY;
  if (bootstrapKey) {
    const outcome = await keys.ensureAdminKey(bootstrapKey);
    const logger = app.get(Logger);
    if (outcome === 'revoked') {
      logger.warn('GATEWAY_BOOTSTRAP_ADMIN_KEY names a revoked key: it stays revoked; set a new value');
    } else {
      logger.log(`Bootstrap admin key ${outcome === 'created' ? 'created' : 'already present'}`);
    }
    return null;
  }
  if (!runtime.zeroConfig) return null;
  const adminKeys = await app
    .get(PrismaService)
    .apiKey.count({ where: { customerId: null, revokedAt: null } });
  if (adminKeys > 0) return null;
  return (await keys.issueAdminKey('zero-config admin', 'zero-config')).key;
}
