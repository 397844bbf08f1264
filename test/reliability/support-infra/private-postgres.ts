import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../support/polling';
import { asServerUser, ownedTempDir, removeDir } from './owned-temp-dir';
import { onProcessExit } from './process-exit';

const run = promisify(execFile);

/** The newest Debian PostgreSQL install (/usr/lib/postgresql/<major>/bin), or PG_BIN_DIR. */
export function postgresBinDir(): string | undefined {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length ? path.join(root, majors[0], 'bin') : undefined;
}

/**
 * A PostgreSQL cluster of one test's own, on a free loopback port, that the test may stop and start
 * at will without touching the machine's shared server. Everything lives in one temporary directory,
 * removed by `destroy()` (and, should a test never get there, when the process exits).
 */
export class PrivatePostgres {
  private destroyed = false;
  private readonly forgetExitHook: () => void;

  private constructor(
    private readonly binDir: string,
    readonly dir: string,
    readonly port: number,
  ) {
    this.forgetExitHook = onProcessExit(() => this.destroySync());
  }

  /** Runs initdb and starts the server; the `postgres` superuser connects over TCP without a password. */
  static async start(): Promise<PrivatePostgres> {
    const binDir = postgresBinDir();
    if (!binDir) throw new Error('no PostgreSQL binaries (set PG_BIN_DIR)');
    const server = new PrivatePostgres(binDir, ownedTempDir('ssg-pg-'), await freePort());
    try {
      await server.tool('initdb', ['-D', server.dataDir, '-U', 'postgres', '--auth=trust', '--no-sync']);
      await server.start();
      return server;
    } catch (error) {
      await server.destroy();
      throw error;
    }
  }

  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  /** Starts the server and returns once it accepts connections. */
  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await this.tool('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      path.join(this.dir, 'server.log'),
      '-o',
      options,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /** Fast shutdown: open sessions are cut, as in a failover or an orchestrated restart. */
  async stop(): Promise<void> {
    await this.tool('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    await this.tool('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    this.destroyed = true;
    this.forgetExitHook();
    removeDir(this.dir);
  }

  private destroySync(): void {
    if (this.destroyed) return;
    const [command, args] = asServerUser(this.binary('pg_ctl'), [
      '-D',
      this.dataDir,
      '-m',
      'immediate',
      'stop',
    ]);
    spawnSync(command, args, { stdio: 'ignore' });
    removeDir(this.dir);
  }

  private binary(name: string): string {
    return path.join(this.binDir, name);
  }

  private async tool(name: string, args: string[]): Promise<void> {
    const [command, commandArgs] = asServerUser(this.binary(name), args);
    // Async on purpose: the gateway under test shares this event loop and must keep serving meanwhile.
    await run(command, commandArgs, { cwd: this.dir, timeout: 120_000 });
  }
}
