/**
 * Operator commands. `npm run cli -- create-admin-key --name <name>` prints a new admin key.
 * Uses DATABASE_URL and GATEWAY_KEY_PEPPER, or the zero-config data directory (./.data): the running
 * gateway's embedded database when it is up, else the directory itself.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  deployMigrations,
  PrismaService,
  runningEmbeddedPostgresUrl,
  startEmbeddedPostgres,
} from '@app/database';
import { AuditLogWriter } from './audit/audit-log.writer';
import { hashSecret, issueApiKey } from './auth/api-key-format';
import { persistentSecret } from './zero-config/local-secrets';

async function withDatabase<T>(run: (url: string, pepper: string) => Promise<T>): Promise<T> {
  const { DATABASE_URL, GATEWAY_KEY_PEPPER, GATEWAY_DATA_DIR } = process.env;
  if (DATABASE_URL) {
    if (!GATEWAY_KEY_PEPPER) throw new Error('GATEWAY_KEY_PEPPER must be set together with DATABASE_URL');
    return run(DATABASE_URL, GATEWAY_KEY_PEPPER);
  }
  const dataDir = path.resolve(GATEWAY_DATA_DIR || '.data');
  const pepper = GATEWAY_KEY_PEPPER || persistentSecret(dataDir, 'key-pepper');
  const pgliteDir = path.join(dataDir, 'pglite');
  const runningUrl = runningEmbeddedPostgresUrl(pgliteDir);
  if (runningUrl) return run(runningUrl, pepper);
  const embedded = await startEmbeddedPostgres({ dataDir: pgliteDir });
  try {
    await deployMigrations(embedded.url);
    return await run(embedded.url, pepper);
  } finally {
    await embedded.stop();
  }
}

async function createAdminKey(name: string): Promise<string> {
  return withDatabase(async (url, pepper) => {
    const prisma = new PrismaService({ url, poolSize: 1 });
    try {
      const issued = issueApiKey();
      const row = await prisma.apiKey.create({
        data: {
          publicId: issued.publicId,
          secretHash: hashSecret(issued.secret, pepper),
          name,
          scopes: ['admin'],
          allowedIps: [],
        },
      });
      await new AuditLogWriter(prisma).append({
        actorType: 'job',
        actorId: 'cli',
        action: 'api_key.create',
        target: row.id,
        outcome: 'success',
        details: { name, command: 'create-admin-key' },
        occurredAt: new Date(),
      });
      return issued.key;
    } finally {
      await prisma.$disconnect();
    }
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'create-admin-key') {
    process.stderr.write('Usage: npm run cli -- create-admin-key --name <name>\n');
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { name: { type: 'string' } } });
  const name = values.name?.trim();
  if (!name || name.length > 100) {
    process.stderr.write('create-admin-key needs --name <name> (1 to 100 characters)\n');
    return 2;
  }
  process.stdout.write(`${await createAdminKey(name)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`cli failed: ${error.message}\n`);
    process.exit(1);
  },
);
