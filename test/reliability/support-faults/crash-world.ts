import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { poolConfigFromUrl } from '@app/database';
import { SandboxControl } from '@app/sandbox/control/sandbox-control';
import { startSandbox, type RunningSandbox } from '@app/sandbox/sandbox';
import {
  TEST_PEPPER,
  UNLIMITED_UPSTREAM_BUDGET,
  UNREACHABLE_RATE_LIMITS,
} from '../../support/gateway-harness';
import { createTestDatabase, gatewayDatabaseSettings } from '../../support/test-database';

export const WRITE_TIMEOUT_MS = 3000;

/** A database, a sandbox over HTTP and the settings every gateway process of the test gets. */
export interface CrashWorld {
  pool: pg.Pool;
  sandbox: RunningSandbox;
  control: SandboxControl;
  adminKey: string;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startCrashWorld(): Promise<CrashWorld> {
  const { url } = await createTestDatabase();
  const pool = new pg.Pool(poolConfigFromUrl(url, { max: 2 }));
  // The embedded test database is shared: start above every upstream id already linked there.
  const { rows } = await pool.query('SELECT COALESCE(MAX(upstream_id), 0) + 1 AS first FROM purchases');
  const sandbox = await startSandbox({ port: 0, rateLimit: false, firstPurchaseId: Number(rows[0].first) });
  const adminKey = `ssg_${randomBytes(6).toString('hex')}_${randomUUID().replace(/-/g, '')}${'A'.repeat(11)}`;
  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: url,
    ...gatewayDatabaseSettings(),
    STREAMSKILL_BASE_URL: sandbox.url,
    STREAMSKILL_API_TOKEN: sandbox.token,
    STREAMSKILL_WRITE_TIMEOUT_MS: String(WRITE_TIMEOUT_MS),
    GATEWAY_KEY_PEPPER: TEST_PEPPER,
    GATEWAY_BOOTSTRAP_ADMIN_KEY: adminKey,
    BACKGROUND_JOBS_ENABLED: 'true',
    RECONCILE_INTERVAL_MS: '1000',
    PURCHASE_SETTLE_DEADLINE_MS: '1000',
    ...UNREACHABLE_RATE_LIMITS,
    ...UNLIMITED_UPSTREAM_BUDGET,
  };
  return {
    pool,
    sandbox,
    control: new SandboxControl(sandbox),
    adminKey,
    env,
    close: async () => {
      await pool.end();
      await sandbox.close();
    },
  };
}

export interface Answer {
  status: number;
  body: any;
  replayed: boolean;
}

/** fetch, with "no answer" (a connection cut by the crash) as status 0. */
export async function call(
  url: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  try {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const replayed = res.headers.get('idempotent-replayed') === 'true';
    return { status: res.status, body: text ? JSON.parse(text) : undefined, replayed };
  } catch {
    return { status: 0, body: undefined, replayed: false };
  }
}

/** A customer with a key and a credited balance, made through the admin API. */
export async function newCustomer(
  url: string,
  adminKey: string,
  balance: string,
): Promise<{ id: string; key: string }> {
  const created = await call(url, adminKey, 'POST', '/v1/admin/customers', { name: `crash-${randomUUID()}` });
  const { id } = created.body as { id: string };
  const issued = await call(url, adminKey, 'POST', `/v1/admin/customers/${id}/keys`, { name: 'k' });
  const credited = await call(url, adminKey, 'POST', `/v1/admin/customers/${id}/ledger`, {
    type: 'credit',
    amount: balance,
    reason: 'test top-up',
  });
  if (created.status !== 201 || issued.status !== 201 || credited.status !== 201)
    throw new Error(`customer setup: ${created.status} ${issued.status} ${credited.status}`);
  return { id, key: (issued.body as { key: string }).key };
}

/** Polls until `done` says so; the bound only stops a test that would otherwise hang. */
export async function until(done: () => Promise<boolean>, giveUpMs = 120_000): Promise<void> {
  const started = Date.now();
  while (!(await done())) {
    if (Date.now() - started > giveUpMs) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
