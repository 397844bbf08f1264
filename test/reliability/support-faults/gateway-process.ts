import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { TYPESCRIPT_NODE_ARGS } from '../../support/typescript-node-args';

const ROOT = path.resolve(__dirname, '../../..');
const START_TIMEOUT_MS = 90_000;

export interface GatewayProcess {
  url: string;
  child: ChildProcess;
  /** Its stdout and stderr so far, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, requests in flight are cut off. */
  kill(): Promise<void>;
  /** SIGTERM: a graceful shutdown that closes the database connections (the embedded one needs it). */
  stop(): Promise<void>;
}

/** The real entry point (apps/gateway/src/main.ts) in a process of its own, on a free port. */
export async function spawnGateway(env: NodeJS.ProcessEnv): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, 'apps/gateway/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + String(chunk)).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start: ${output}`)), START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code}: ${output}`));
    });
    child.stdout?.on('data', () => {
      const listening = /Gateway listening on (http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
      if (listening) {
        clearTimeout(timer);
        resolve(listening);
      }
    });
  });
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(name);
    await exited;
  };
  return {
    url,
    child,
    output: () => output,
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
  };
}
