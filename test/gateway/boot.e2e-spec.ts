import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { TYPESCRIPT_NODE_ARGS } from '../support/typescript-node-args';
import { gatewayTestEnv } from './support/gateway-test-env';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = 'apps/gateway/src/main.ts';

/** The real entry point from its TypeScript sources, with nothing inherited but PATH. */
function spawnGateway(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function runToExit(
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnGateway(env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  return { code, stdout, stderr };
}

/** Resolves with the first JSON log line whose message matches, as the process writes it. */
function waitForLogLine(child: ChildProcess, pattern: RegExp): Promise<{ msg: string }> {
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code} before logging ${pattern}`)));
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as { msg: string };
      if (pattern.test(entry.msg)) resolve(entry);
    });
  });
}

// Each case spawns a Node process that compiles TypeScript on the fly: slow on a busy machine.
jest.setTimeout(120_000);

describe('gateway process (e2e)', () => {
  it.each([
    [{ PORT: 'abc' }, 'Invalid setting PORT: must be an integer between 0 and 65535 (got "abc")'],
    // Without DATABASE_URL the gateway starts zero-config, except in production.
    [
      { DATABASE_URL: undefined, NODE_ENV: 'production' },
      'Missing required setting DATABASE_URL: PostgreSQL connection URL',
    ],
    [{ STREAMSKILL_BASE_URL: 'not a url' }, 'Invalid setting STREAMSKILL_BASE_URL: must be a URL'],
  ])('refuses to start on a bad setting (%j) with one line and exit code 1', async (overrides, expected) => {
    const { code, stdout, stderr } = await runToExit(gatewayTestEnv(overrides));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.startsWith(expected)).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('serves, then exits 0 on SIGTERM', async () => {
    const child = spawnGateway(gatewayTestEnv({ PORT: '0', HOST: '127.0.0.1' }));
    try {
      const listening = await waitForLogLine(child, /^Gateway listening on /);
      const url = listening.msg.replace('Gateway listening on ', '');
      const response = await fetch(`${url}/v1/health/live`);
      expect(response.status).toBe(200);

      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
