import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { issueApiKey } from '../../apps/gateway/src/auth/api-key-format';
import { GatewayHarness, startGateway, TEST_PEPPER } from '../support/gateway-harness';
import { TYPESCRIPT_NODE_ARGS } from '../support/typescript-node-args';

const ROOT = path.resolve(__dirname, '../..');
const KEY_IN_TEXT = /ssg_[a-z0-9]{12}_[A-Za-z0-9]{43}/g;

interface Output {
  stdout: string;
  stderr: string;
}

/** A TypeScript entry point of the gateway in a child process, with nothing inherited but PATH. */
function spawnTs(file: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess & { output: Output } {
  const child = spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, file, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { output: Output };
  child.output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk) => (child.output.stdout += chunk));
  child.stderr!.on('data', (chunk) => (child.output.stderr += chunk));
  return child;
}

async function runToExit(file: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawnTs(file, args, env);
  const [code] = await once(child, 'exit');
  return { code: code as number, ...child.output };
}

/** Starts apps/gateway/src/main.ts and resolves with its URL once it listens. */
async function startMain(
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess & { output: Output }; url: string }> {
  const child = spawnTs('apps/gateway/src/main.ts', [], { PORT: '0', HOST: '127.0.0.1', ...env });
  const url = await new Promise<string>((resolve, reject) => {
    // Generous: a loaded 2-core machine compiles the sources on the fly.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gateway did not start in 120 s: ${child.output.stderr}`));
    }, 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code}: ${child.output.stderr}`));
    });
    child.stdout!.on('data', () => {
      const match = /Gateway listening on (http:\/\/[^"\s]+)/.exec(child.output.stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return { child, url };
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

const statusWith = async (url: string, key: string) =>
  (await fetch(`${url}/v1/admin/customers`, { headers: { authorization: `Bearer ${key}` } })).status;

describe('admin keys made outside the API', () => {
  let gw: GatewayHarness;
  let db: pg.Client;
  let baseEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    gw = await startGateway();
    db = new pg.Client({ connectionString: gw.databaseUrl });
    await db.connect();
    baseEnv = {
      DATABASE_URL: gw.databaseUrl,
      GATEWAY_KEY_PEPPER: TEST_PEPPER,
      STREAMSKILL_API_TOKEN: gw.env.STREAMSKILL_API_TOKEN,
      STREAMSKILL_BASE_URL: gw.env.STREAMSKILL_BASE_URL,
    };
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await gw?.close();
  });

  const keyRows = async (key: string) =>
    (await db.query('SELECT * FROM api_keys WHERE public_id = $1', [key.split('_')[1]])).rows;

  describe('GATEWAY_BOOTSTRAP_ADMIN_KEY', () => {
    const bootstrapKey = issueApiKey().key;

    it('creates the admin key at boot, once, and never logs it', async () => {
      const first = await startMain({ ...baseEnv, GATEWAY_BOOTSTRAP_ADMIN_KEY: bootstrapKey });
      try {
        expect(await statusWith(first.url, bootstrapKey)).toBe(200);
        expect(first.child.output.stdout).toMatch(/Bootstrap admin key created/);
      } finally {
        await stop(first.child);
      }
      const second = await startMain({ ...baseEnv, GATEWAY_BOOTSTRAP_ADMIN_KEY: bootstrapKey });
      try {
        expect(await statusWith(second.url, bootstrapKey)).toBe(200);
        expect(second.child.output.stdout).toMatch(/Bootstrap admin key already present/);
      } finally {
        await stop(second.child);
      }
      const rows = await keyRows(bootstrapKey);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ customer_id: null, scopes: ['admin'], revoked_at: null });
      // It is on the other instance's database too: the harness gateway accepts it.
      expect(await statusWith(gw.url, bootstrapKey)).toBe(200);
      const audit = await db.query(`SELECT * FROM audit_log WHERE target = $1 AND actor_id = 'bootstrap'`, [
        rows[0].id,
      ]);
      expect(audit.rows).toHaveLength(1);
      for (const output of [first.child.output, second.child.output]) {
        expect(output.stdout + output.stderr).not.toContain(bootstrapKey.split('_')[2]);
        expect(output.stdout + output.stderr).not.toContain(TEST_PEPPER);
      }

      // Revoked by an admin, it stays revoked: a restart does not bring it back.
      expect((await gw.call('DELETE', `/v1/admin/keys/${rows[0].id}`, { key: gw.adminKey })).status).toBe(
        200,
      );
      const third = await startMain({ ...baseEnv, GATEWAY_BOOTSTRAP_ADMIN_KEY: bootstrapKey });
      try {
        expect(third.child.output.stdout).toMatch(/names a revoked key/);
        expect(await statusWith(third.url, bootstrapKey)).toBe(401);
      } finally {
        await stop(third.child);
      }
    }, 400_000);

    it('refuses to start, saying why, when the value collides with another key', async () => {
      const existing = bootstrapKey.split('_')[1];
      const colliding = `ssg_${existing}_${'Q'.repeat(43)}`;
      const result = await runToExit('apps/gateway/src/main.ts', [], {
        ...baseEnv,
        PORT: '0',
        HOST: '127.0.0.1',
        GATEWAY_BOOTSTRAP_ADMIN_KEY: colliding,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/GATEWAY_BOOTSTRAP_ADMIN_KEY collides with another key/);
      expect(result.stderr + result.stdout).not.toContain('Q'.repeat(43));
      expect(await keyRows(bootstrapKey)).toHaveLength(1);
    }, 150_000);

    it('refuses to start on a value that is not a key, without echoing it', async () => {
      const result = await runToExit('apps/gateway/src/main.ts', [], {
        ...baseEnv,
        GATEWAY_BOOTSTRAP_ADMIN_KEY: 'letmein-please-123',
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^Invalid setting GATEWAY_BOOTSTRAP_ADMIN_KEY: must look like ssg_/);
      expect(result.stderr).not.toContain('letmein-please-123');
    }, 150_000);
  });

  describe('npm run cli -- create-admin-key', () => {
    const cli = (args: string[], env: NodeJS.ProcessEnv) => runToExit('apps/gateway/src/cli.ts', args, env);

    it('prints a new admin key that works against a gateway on the same database', async () => {
      const result = await cli(['create-admin-key', '--name', 'ops laptop'], baseEnv);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      const key = result.stdout.trim();
      expect(key).toMatch(/^ssg_[a-z0-9]{12}_[A-Za-z0-9]{43}$/);
      expect(await statusWith(gw.url, key)).toBe(200);
      const [row] = await keyRows(key);
      expect(row).toMatchObject({ name: 'ops laptop', customer_id: null, scopes: ['admin'] });
      expect(row.secret_hash).not.toContain(key.split('_')[2]);
      const audit = await db.query(`SELECT * FROM audit_log WHERE target = $1`, [row.id]);
      expect(audit.rows).toEqual([expect.objectContaining({ actor_type: 'job', actor_id: 'cli' })]);
      // A second run makes a second, different key.
      const again = await cli(['create-admin-key', '--name', 'ops laptop'], baseEnv);
      expect(again.stdout.trim()).not.toBe(key);
    }, 150_000);

    it.each([
      [['create-admin-key'], /needs --name/],
      [['rm-rf'], /Usage: npm run cli -- create-admin-key --name <name>/],
    ])(
      'refuses %j with exit code 2',
      async (args, message) => {
        const result = await cli(args, baseEnv);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(message);
        expect(result.stdout).toBe('');
      },
      150_000,
    );

    it('needs the pepper together with DATABASE_URL', async () => {
      const result = await cli(['create-admin-key', '--name', 'x'], { DATABASE_URL: gw.databaseUrl });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/GATEWAY_KEY_PEPPER must be set together with DATABASE_URL/);
    }, 150_000);
  });
});

describe('zero-config start', () => {
  let dataDir: string;
  let running: { child: ChildProcess & { output: Output }; url: string } | undefined;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssg-zero-config-'));
  });
  afterAll(async () => {
    await stop(running?.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints an admin key, keeps it out of the JSON logs, and the CLI adds keys beside it', async () => {
    running = await startMain({ GATEWAY_DATA_DIR: dataDir });
    await new Promise((resolve) => setTimeout(resolve, 200)); // the banner follows the log line
    const printed = [...new Set(running.child.output.stdout.match(KEY_IN_TEXT) ?? [])];
    expect(printed).toHaveLength(1);
    expect(running.child.output.stdout).toMatch(/Admin key \(shown this once/);
    expect(await statusWith(running.url, printed[0])).toBe(200);
    // Only in the banner: no JSON log line carries it, nor the pepper kept in the data directory.
    const pepper = fs.readFileSync(path.join(dataDir, 'key-pepper'), 'utf8').trim();
    const logLines = running.child.output.stdout.split('\n').filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(printed[0]);
    expect(running.child.output.stdout + running.child.output.stderr).not.toContain(pepper);

    // The CLI finds the running gateway's embedded database and pepper through the data directory.
    const cli = await runToExit('apps/gateway/src/cli.ts', ['create-admin-key', '--name', 'second'], {
      GATEWAY_DATA_DIR: dataDir,
    });
    expect(cli.code).toBe(0);
    expect(await statusWith(running.url, cli.stdout.trim())).toBe(200);

    // Printed on the first start only: test/gateway/zero-config.e2e-spec.ts restarts it.
  }, 400_000);
});
