import { gatewayDatabaseSettings } from '../../support/test-database';

/** Nothing listens on the discard port: probes of this upstream fail fast. */
export const UNREACHABLE_UPSTREAM_URL = 'http://127.0.0.1:9/v1';
export const TEST_MASTER_TOKEN = 'test-master-token-do-not-log';
export const TEST_KEY_PEPPER = 'test-key-pepper-0123456789abcdef0123456789';

/** The run's migrated common database (see test/support/global-setup.ts). */
export function testDatabaseUrl(): string {
  const url = process.env.SSG_TEST_COMMON_DB_URL;
  if (!url) throw new Error('SSG_TEST_COMMON_DB_URL is not set: run the tests through npm test');
  return url;
}

/** A complete, valid gateway environment; `overrides` replace or (with undefined) remove settings. */
export function gatewayTestEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: testDatabaseUrl(),
    STREAMSKILL_API_TOKEN: TEST_MASTER_TOKEN,
    STREAMSKILL_BASE_URL: UNREACHABLE_UPSTREAM_URL,
    GATEWAY_KEY_PEPPER: TEST_KEY_PEPPER,
    LOG_LEVEL: 'info',
    DATABASE_PREPARED_STATEMENTS: gatewayDatabaseSettings().DATABASE_PREPARED_STATEMENTS,
    ...overrides,
  };
}
