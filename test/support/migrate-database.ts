import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Deploys the migrations as operators do (scripts/migrate.ts deploy), in a child process: the
 * schema engine leaves a timer behind that would keep jest from exiting.
 */
export async function deployMigrations(databaseUrl: string): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'scripts/migrate.ts', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    timeout: 120_000,
  });
}
