import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * PostgreSQL refuses to run as root: as root (CI) the servers run as the `postgres` OS user, in a
 * temporary directory that user owns; as anyone else they run as that user.
 */
export const RUN_AS_POSTGRES = process.getuid?.() === 0;

export interface OsUser {
  uid: number;
  gid: number;
}

function postgresUser(): OsUser {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) throw new Error('running as root needs a "postgres" OS user');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** A fresh temporary directory that the user the servers run as owns. */
export function ownedTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  if (RUN_AS_POSTGRES) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The command line that runs `binary` as the server user. */
export function asServerUser(binary: string, args: string[]): [string, string[]] {
  return RUN_AS_POSTGRES ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}
