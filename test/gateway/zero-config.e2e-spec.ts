import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

jest.setTimeout(120_000);

/** `npm start` with nothing set: the real entry point, with nothing inherited but PATH. */
function startZeroConfig(dataDir: string) {
  const child = spawn(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      '-r',
      './test/gateway/support/resolve-js-as-ts.ts',
      'apps/gateway/src/main.ts',
    ],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, GATEWAY_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const banner = new Promise<{ url: string; adminKey: string | null }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${stdout}`)));
    child.stdout.on('data', () => {
      const url = /StreamSkill gateway \(zero-config\) on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url && /Next: /.test(stdout))
        resolve({ url, adminKey: /\b(ssg_[a-z0-9]{12}_[A-Za-z0-9]{43})\b/.exec(stdout)?.[1] ?? null });
    });
  });
  return { child, banner };
}

async function stop(child: ReturnType<typeof spawn>): Promise<number | null> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = await exited;
  return code;
}

describe('zero-config start (e2e)', () => {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssg-zero-')), 'data');

  it('runs on an embedded database and the sandbox, prints an admin key once, and keeps its data', async () => {
    let firstAdminKey: string | null = null;
    const first = startZeroConfig(dataDir);
    try {
      const { url, adminKey } = await first.banner;
      firstAdminKey = adminKey;
      expect(adminKey).not.toBeNull();
      const ready = await fetch(`${url}/v1/health/ready`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { status: string }).status).toBe('ok');
      expect((await fetch(`${url}/docs`)).status).toBe(200);
      const created = await fetch(`${url}/v1/admin/customers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'kept across restarts' }),
      });
      expect(created.status).toBe(201);
    } finally {
      expect(await stop(first.child)).toBe(0);
    }
    expect(fs.existsSync(path.join(dataDir, 'key-pepper'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);

    const second = startZeroConfig(dataDir);
    try {
      const { url, adminKey } = await second.banner;
      expect(adminKey).toBeNull();
      const listed = await fetch(`${url}/v1/admin/customers`, {
        headers: { authorization: `Bearer ${firstAdminKey}` },
      });
      expect(listed.status).toBe(200);
      const names = ((await listed.json()) as { items: { name: string }[] }).items.map((c) => c.name);
      expect(names).toContain('kept across restarts');
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  });
});
