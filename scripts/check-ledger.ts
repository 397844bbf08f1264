/**
 * Checks the ledger invariants of the database at DATABASE_URL (DESIGN.md "Money") and prints a report.
 * Exit code: 0 when they all hold, 1 on any violation, 2 when the check could not run.
 */
import pg from 'pg';
import { poolConfigFromUrl } from '../libs/database/src/connection-config';
import { checkLedgerInvariants, formatInvariantReport } from '../apps/gateway/src/ledger/ledger-invariants';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set: point it at the gateway database.');
    return 2;
  }
  const pool = new pg.Pool(poolConfigFromUrl(url, { max: 1 }));
  try {
    const report = await checkLedgerInvariants(pool);
    console.log(formatInvariantReport(report));
    return report.ok ? 0 : 1;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`Ledger check failed to run: ${error.message}`);
    process.exit(2);
  },
);
