import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TYPESCRIPT_NODE_ARGS } from '../../test/support/typescript-node-args';
import type { ChildMessage } from '../servers/child-protocol';

const ROOT = path.resolve(__dirname, '../..');
const START_TIMEOUT_MS = 60_000;

export interface RunningServer {
  name: string;
  url: string;
  pid: number;
  /** Resident set size of the process now, in bytes (Linux /proc). */
  rss(): number;
  stop(): Promise<void>;
}

/**
 * Forks one server of bench/servers/ and waits until it listens. Its stdout (the JSON request log of
 * the gateway) goes to /dev/null: the serialisation is paid for, as in production, but no reader is.
 */
export async function startServer(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  { cpuProfileDir }: { cpuProfileDir?: string } = {},
): Promise<RunningServer> {
  const out = fs.openSync(process.env.BENCH_SERVER_LOG ?? '/dev/null', 'a');
  const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cpuProfileDir)}`] : [];
  const child = fork(path.join(ROOT, 'bench/servers', script), [], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    execArgv: [...TYPESCRIPT_NODE_ARGS, ...profile],
    stdio: ['ignore', out, 'inherit', 'ipc'],
  });
  fs.closeSync(out);
  const url = await whenReady(name, child);
  return { name, url, pid: child.pid!, rss: () => rssOf(child.pid!), stop: () => stop(child) };
}

function whenReady(name: string, child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.once('message', (message: ChildMessage) => {
      clearTimeout(timer);
      if (message.ready) resolve(message.url);
      else reject(new Error(`${name} failed to start: ${message.error}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  return kb ? Number(kb[1]) * 1024 : NaN;
}
