import { withDatabase } from '../../libs/database/src/connection-config';
import { adminQuery } from '../../test/support/global-setup';
import { deployMigrations } from '../../test/support/migrate-database';

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
  await deployMigrations(url);
  return {
    url,
    drop: async () => void (await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}
