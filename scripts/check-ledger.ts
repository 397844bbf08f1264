/**
 * Checks the ledger invariants of the database at DATABASE_URL (DESIGN.md "Money") and prints a report.
 *   --purchases  also purchases against the ledger (charged = linked upstream, charged once)
 *   --settled    also "nothing pending, every hold captured or released" (after the reconciler ran)
 *   --upstream   also the mapping to StreamSkill's account, both ways (STREAMSKILL_BASE_URL and
 *                STREAMSKILL_API_TOKEN); implies --purchases
 *   --customers=<uuid>,<uuid>  only these customers
 * Exit code: 0 when they all hold, 1 on any violation, 2 when the check could not run.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { poolConfigFromUrl } from '../libs/database/src/connection-config';
import { StreamSkillClient } from '../libs/streamskill/src/streamskill.client';
import {
  checkLedgerInvariants,
  formatInvariantReport,
  mergeInvariantReports,
} from '../apps/gateway/src/ledger/ledger-invariants';
import { checkUpstreamMapping } from '../apps/gateway/src/ledger/upstream-mapping-check';

const FLAGS = ['--purchases', '--settled', '--upstream'];
/** Problems go to the log (stderr); the report is the command's output (stdout). */
const logger = new Logger('check-ledger');

async function main(args: string[]): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    logger.error('DATABASE_URL is not set: point it at the gateway database.');
    return 2;
  }
  const unknown = args.filter((arg) => !FLAGS.includes(arg) && !arg.startsWith('--customers='));
  if (unknown.length > 0) {
    logger.error(`Unknown argument(s): ${unknown.join(' ')}. Known: ${FLAGS.join(' ')} --customers=<ids>`);
    return 2;
  }
  const upstream = args.includes('--upstream') ? upstreamClient() : undefined;
  if (upstream === null) {
    logger.error('--upstream needs STREAMSKILL_BASE_URL and STREAMSKILL_API_TOKEN.');
    return 2;
  }
  const customerIds = args
    .find((arg) => arg.startsWith('--customers='))
    ?.slice('--customers='.length)
    .split(',')
    .filter(Boolean);
  const pool = new pg.Pool(poolConfigFromUrl(url, { max: 1 }));
  try {
    let report = await checkLedgerInvariants(pool, {
      customerIds,
      purchases: args.includes('--purchases') || Boolean(upstream),
      settled: args.includes('--settled'),
    });
    if (upstream)
      report = mergeInvariantReports(report, await checkUpstreamMapping(pool, upstream, { customerIds }));
    process.stdout.write(`${formatInvariantReport(report)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    upstream?.close();
    await pool.end();
  }
}

function upstreamClient(): StreamSkillClient | null {
  const { STREAMSKILL_BASE_URL: baseUrl, STREAMSKILL_API_TOKEN: token } = process.env;
  // The client logs every call at debug level: the report is the output here.
  Logger.overrideLogger(['warn', 'error']);
  return baseUrl && token ? new StreamSkillClient({ baseUrl, token }) : null;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    logger.error(`Ledger check failed to run: ${error.message}`);
    process.exit(2);
  },
);
