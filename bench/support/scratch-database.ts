import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { withDatabase } from '../../libs/database/src/connection-config';

const ROOT = path.resolve(__dirname, '../..');

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A migrated database of its own on the server of `serverUrl`, dropped at the end of the run. */
export async function createScratchDatabase(
  serverUrl: string,
  { asyncCommit = false } = {},
): Promise<ScratchDatabase> {
  const name = `ssg_bench_${Date.now().toString(36)}_${process.pid}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  if (asyncCommit) await adminQuery(serverUrl, `ALTER DATABASE "${name}" SET synchronous_commit = off`);
  const url = withDatabase(serverUrl, name);
  // In a child process: the WASM schema engine leaves a timer behind.
  await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'scripts/migrate.ts', 'deploy'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
  });
  return { url, drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
