import type { EmbeddedPostgres } from '../../libs/database/src/embedded/embedded-postgres';
import { adminQuery } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { __embeddedPostgres?: EmbeddedPostgres }).__embeddedPostgres;
  if (embedded) await embedded.stop();
  const serverUrl = process.env.SSG_TEST_SERVER_URL;
  const runId = process.env.SSG_TEST_RUN_ID;
  if (!serverUrl || !runId) return;
  const { rows } = await adminQuery(
    serverUrl,
    `SELECT datname FROM pg_database WHERE datname LIKE 'ssg\\_test\\_${runId}\\_%'`,
  );
  for (const { datname } of rows as { datname: string }[]) {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}
