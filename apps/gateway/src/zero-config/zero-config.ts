import path from 'node:path';
import { deployMigrations, EMBEDDED_DATABASE_SETTINGS, startEmbeddedPostgres } from '@app/database';
import { startSandbox } from '@app/sandbox/sandbox';
import { persistentSecret } from './local-secrets';

export interface Runtime {
  /** The environment the gateway is built from, completed with what zero-config started. */
  env: NodeJS.ProcessEnv;
  zeroConfig: boolean;
  /** What was started for the user, printed at boot. */
  notes: string[];
  dispose(): Promise<void>;
}

/**
 * With no DATABASE_URL (and not in production), the gateway runs on its own: an embedded PostgreSQL
 * under GATEWAY_DATA_DIR (./.data), migrated at start, and, unless an upstream is configured, the
 * StreamSkill sandbox in this process. Production settings are never filled in silently: with
 * DATABASE_URL set, every required setting must be given.
 */
export async function prepareRuntime(source: NodeJS.ProcessEnv): Promise<Runtime> {
  const env = { ...source };
  if (env.DATABASE_URL || env.NODE_ENV === 'production') {
    return { env, zeroConfig: false, notes: [], dispose: async () => undefined };
  }
  const disposers: (() => Promise<void>)[] = [];
  const dispose = async () => {
    for (const stop of disposers.reverse()) await stop().catch(() => undefined);
  };
  try {
    const dataDir = path.resolve(env.GATEWAY_DATA_DIR || '.data');
    const notes: string[] = [];
    const database = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pglite') });
    disposers.push(() => database.stop());
    await deployMigrations(database.url);
    env.DATABASE_URL = database.url;
    Object.assign(env, EMBEDDED_DATABASE_SETTINGS);
    notes.push(`embedded PostgreSQL (data in ${path.join(dataDir, 'pglite')})`);

    if (!env.STREAMSKILL_API_TOKEN && !env.STREAMSKILL_BASE_URL) {
      const sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
      disposers.push(() => sandbox.close());
      env.STREAMSKILL_BASE_URL = sandbox.url;
      env.STREAMSKILL_API_TOKEN = sandbox.token;
      notes.push(`StreamSkill sandbox at ${sandbox.url} (simulated upstream, no real orders)`);
    }
    env.GATEWAY_KEY_PEPPER ||= persistentSecret(dataDir, 'key-pepper');
    return { env, zeroConfig: true, notes, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
