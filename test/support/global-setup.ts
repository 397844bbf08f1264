import { randomBytes } from 'node:crypto';
import pg from 'pg';
// globalSetup runs outside jest's module mapping: import the files that need no generated client.
import { startEmbeddedPostgres } from '../../libs/database/src/embedded/embedded-postgres';
import { withDatabase } from '../../libs/database/src/connection-config';
import { deployMigrations } from './migrate-database';

/**
 * One migrated template database per test run, plus one migrated database that suites may share
 * (SSG_TEST_COMMON_DB_URL). With DATABASE_URL set (CI, real PostgreSQL) every
 * suite clones the template into a database of its own; without it (a fresh machine with no
 * services) an embedded PostgreSQL is started here and shared by the suites.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.SSG_TEST_RUN_ID = runId;
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const template = `ssg_test_${runId}_template`;
    await adminQuery(serverUrl, `CREATE DATABASE "${template}"`);
    await deployMigrations(withDatabase(serverUrl, template));
    process.env.SSG_TEST_SERVER_URL = serverUrl;
    process.env.SSG_TEST_TEMPLATE_DB = template;
    const common = `ssg_test_${runId}_common`;
    await adminQuery(serverUrl, `CREATE DATABASE "${common}" TEMPLATE "${template}"`);
    process.env.SSG_TEST_COMMON_DB_URL = withDatabase(serverUrl, common);
    return;
  }
  const embedded = await startEmbeddedPostgres();
  await deployMigrations(embedded.url);
  (globalThis as { __embeddedPostgres?: typeof embedded }).__embeddedPostgres = embedded;
  process.env.SSG_TEST_SHARED_DB_URL = embedded.url;
  process.env.SSG_TEST_COMMON_DB_URL = embedded.url;
}

export async function adminQuery(serverUrl: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}
