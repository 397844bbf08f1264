import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  EMBEDDED_DATABASE_SETTINGS,
  startEmbeddedPostgres,
} from '../../libs/database/src/embedded/embedded-postgres';
import { deployMigrations } from '../../test/support/migrate-database';
import { SandboxControl } from '../../apps/sandbox/src/control/sandbox-control';
import { startSandbox, type RunningSandbox } from '../../apps/sandbox/src/sandbox';
import { ApiKeysService } from '../../apps/gateway/src/api-keys/api-keys.service';
import { createGatewayApp } from '../../apps/gateway/src/app.factory';
import { UpstreamBudgetStats } from '../../apps/gateway/src/upstream-budget/upstream-budget-stats';
import { createScratchDatabase } from '../support/scratch-database';

export interface BenchWorld {
  gatewayUrl: string;
  adminKey: string;
  sandbox: SandboxControl;
  stats: UpstreamBudgetStats;
  backend: string;
  close(): Promise<void>;
}

/** A database of its own: a scratch one on DATABASE_URL's server, else embedded PostgreSQL. */
async function benchDatabase(): Promise<{
  url: string;
  settings: NodeJS.ProcessEnv;
  drop(): Promise<void>;
}> {
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL);
    return { url: scratch.url, settings: { DATABASE_POOL_SIZE: '10' }, drop: scratch.drop };
  }
  const embedded = await startEmbeddedPostgres();
  await deployMigrations(embedded.url);
  return { url: embedded.url, settings: EMBEDDED_DATABASE_SETTINGS, drop: embedded.stop };
}

/**
 * The gateway in this process, with its background jobs (status sync every `statusSyncMs`), over a
 * sandbox enforcing StreamSkill's own bucket (30 burst, 2/s). The budget uses its defaults.
 */
export async function startBenchWorld({ statusSyncMs }: { statusSyncMs: number }): Promise<BenchWorld> {
  const database = await benchDatabase();
  const sandbox: RunningSandbox = await startSandbox({ port: 0, balance: '100000000.00' });
  const redisUrl = process.env.REDIS_URL;
  let app: NestFastifyApplication | undefined;
  try {
    app = await createGatewayApp(
      {
        DATABASE_URL: database.url,
        ...database.settings,
        ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
        STREAMSKILL_API_TOKEN: sandbox.token,
        STREAMSKILL_BASE_URL: sandbox.url,
        GATEWAY_KEY_PEPPER: 'bench-pepper-0123456789abcdef0123456789abcdef',
        STATUS_SYNC_INTERVAL_MS: String(statusSyncMs),
        LOG_LEVEL: 'error',
        RATE_LIMIT_DEFAULT_BURST: '1000000',
        RATE_LIMIT_DEFAULT_PER_MINUTE: '60000000',
        RATE_LIMIT_ADMIN_BURST: '1000000',
        RATE_LIMIT_ADMIN_PER_MINUTE: '60000000',
      },
      { logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }) },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await app?.close();
    await sandbox.close();
    await database.drop();
    throw error;
  }
  const { port } = app.getHttpServer().address() as { port: number };
  const opened = app;
  return {
    gatewayUrl: `http://127.0.0.1:${port}`,
    adminKey: (await app.get(ApiKeysService).issueAdminKey('bench admin')).key,
    sandbox: new SandboxControl(sandbox),
    stats: app.get(UpstreamBudgetStats),
    backend: redisUrl ? 'Redis' : 'PostgreSQL',
    close: async () => {
      await opened.close();
      await sandbox.close();
      await database.drop();
    },
  };
}
