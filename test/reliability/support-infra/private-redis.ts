import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from '../../support/polling';
import { removeDir } from './owned-temp-dir';
import { onProcessExit } from './process-exit';

export const HAS_REDIS_SERVER = spawnSync('redis-server', ['--version']).status === 0;

/**
 * A redis-server of one test's own, without persistence, on a free loopback port: the test may stop
 * and start it without touching the machine's shared Redis. Stopped and its directory removed by
 * `destroy()`, or when the process exits.
 */
export class PrivateRedis {
  private child?: ChildProcess;
  private destroyed = false;
  private readonly forgetExitHook: () => void;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.forgetExitHook = onProcessExit(() => this.destroySync());
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(mkdtempSync(path.join(tmpdir(), 'ssg-redis-')), await freePort());
    try {
      await redis.start();
      return redis;
    } catch (error) {
      await redis.destroy();
      throw error;
    }
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the server (on the same port as before) and returns once it answers PING. */
  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const child = spawn('redis-server', [...args, '--dir', this.dir], { stdio: 'ignore' });
    this.child = child;
    await waitFor(`redis-server on ${this.port}`, async () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      return (await this.cli('PING')) === 'PONG';
    });
  }

  /** Stops the server (SIGTERM) and returns once the process is gone. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  /** One redis-cli command; its trimmed output ('' when the server does not answer). */
  cli(...args: string[]): Promise<string> {
    return new Promise((resolve) => {
      const cli = spawn('redis-cli', ['-p', String(this.port), ...args], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let output = '';
      cli.stdout.on('data', (chunk) => (output += String(chunk)));
      cli.on('close', () => resolve(output.trim()));
    });
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    await this.stop();
    this.destroyed = true;
    this.forgetExitHook();
    removeDir(this.dir);
  }

  private destroySync(): void {
    if (this.running) this.child?.kill('SIGKILL');
    removeDir(this.dir);
  }
}
