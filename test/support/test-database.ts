import { randomBytes } from 'node:crypto';
import { EMBEDDED_DATABASE_SETTINGS, withDatabase } from '@app/database';
import { adminQuery } from './global-setup';

/**
 * A migrated database for one suite: a fresh clone of the run's template on real PostgreSQL, or the
 * shared embedded database when the run has no PostgreSQL server (suites must then not assume an
 * empty database).
 */
export async function createTestDatabase(): Promise<{ url: string; isolated: boolean }> {
  const shared = process.env.SSG_TEST_SHARED_DB_URL;
  if (shared) return { url: shared, isolated: false };
  const serverUrl = required('SSG_TEST_SERVER_URL');
  const template = required('SSG_TEST_TEMPLATE_DB');
  const name = `ssg_test_${required('SSG_TEST_RUN_ID')}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return { url: withDatabase(serverUrl, name), isolated: true };
}

/** The database settings of a gateway on the run's database (the embedded one has its own needs). */
export function gatewayDatabaseSettings(): {
  DATABASE_POOL_SIZE: string;
  DATABASE_PREPARED_STATEMENTS: string;
} {
  if (process.env.SSG_TEST_SHARED_DB_URL) return { ...EMBEDDED_DATABASE_SETTINGS };
  return { DATABASE_POOL_SIZE: '5', DATABASE_PREPARED_STATEMENTS: 'true' };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through npm test (jest globalSetup)`);
  return value;
}
