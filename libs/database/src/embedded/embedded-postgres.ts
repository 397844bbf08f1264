import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * Gateway settings every client of the embedded server needs: it runs one transaction at a time and
 * mixes up messages of concurrent connections inside a transaction (one connection is both safe and
 * as fast), and its connections share one session (a prepared statement of one would clash with the
 * next).
 */
export const EMBEDDED_DATABASE_SETTINGS = {
  DATABASE_POOL_SIZE: '1',
  DATABASE_PREPARED_STATEMENTS: 'false',
} as const;

export interface EmbeddedPostgresOptions {
  /** Directory for the data files; undefined keeps everything in memory. */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Must be at least the pool size of every client, or connections are dropped. */
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served over the wire protocol on loopback so the
 * application uses the same pg driver as in production. It runs one transaction at a time.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  const releaseLock = options.dataDir ? lockDataDir(options.dataDir) : () => undefined;
  try {
    const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
    const server = new PGLiteSocketServer({
      db,
      host: '127.0.0.1',
      port: options.port ?? 0,
      maxConnections: options.maxConnections ?? 64,
    });
    await server.start();
    const url = `postgresql://postgres@${server.getServerConn()}/postgres`;
    if (options.dataDir) fs.writeFileSync(`${path.resolve(options.dataDir)}.url`, url);
    return {
      url,
      stop: async () => {
        await server.stop();
        await db.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** Two processes writing one PGlite directory would corrupt it: refuse the second one clearly. */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const lockFile = `${path.resolve(dataDir)}.lock`;
  const holder = readLockHolder(lockFile);
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new Error(
      `The embedded database in ${dataDir} is in use by process ${holder}; stop it or set DATABASE_URL.`,
    );
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => {
    fs.rmSync(lockFile, { force: true });
    fs.rmSync(`${path.resolve(dataDir)}.url`, { force: true });
  };
}

/**
 * The address of the embedded database a running process serves from `dataDir`, if any: tools
 * such as the CLI connect there instead of opening the directory a second time.
 */
export function runningEmbeddedPostgresUrl(dataDir: string): string | null {
  const lockFile = `${path.resolve(dataDir)}.lock`;
  const urlFile = `${path.resolve(dataDir)}.url`;
  const holder = readLockHolder(lockFile);
  if (!holder || !isAlive(holder) || !fs.existsSync(urlFile)) return null;
  return fs.readFileSync(urlFile, 'utf8').trim();
}

function readLockHolder(lockFile: string): number | null {
  if (!fs.existsSync(lockFile)) return null;
  const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
