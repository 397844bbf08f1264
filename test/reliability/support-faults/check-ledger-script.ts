import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PurchasesWorld } from '../../purchases/support';

const ROOT = path.resolve(__dirname, '../../..');

/** `npm run check:ledger -- <args>` against the world's database and sandbox. */
export function runCheckLedger({ gw }: PurchasesWorld, args: string[]) {
  return promisify(execFile)(
    process.execPath,
    ['-r', '@swc-node/register', 'scripts/check-ledger.ts', ...args],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: gw.databaseUrl,
        STREAMSKILL_BASE_URL: gw.sandbox.url,
        STREAMSKILL_API_TOKEN: gw.sandbox.token,
      },
    },
  ).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}
