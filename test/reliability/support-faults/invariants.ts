import { StreamSkillClient } from '@app/streamskill';
import {
  checkLedgerInvariants,
  mergeInvariantReports,
  sqlClientOf,
  type InvariantReport,
} from '../../../apps/gateway/src/ledger/ledger-invariants';
import { checkUpstreamMapping } from '../../../apps/gateway/src/ledger/upstream-mapping-check';
import type { PurchasesWorld } from '../../purchases/support';

/** StreamSkill's side of a world, read as `check:ledger --upstream` reads it. */
export async function withUpstreamReader<T>(
  { gw }: PurchasesWorld,
  use: (client: StreamSkillClient) => Promise<T>,
): Promise<T> {
  const client = new StreamSkillClient({ baseUrl: gw.sandbox.url, token: gw.sandbox.token });
  try {
    return await use(client);
  } finally {
    client.close();
  }
}

/** Every check there is, scoped to these customers: ledger, purchases, settled, upstream mapping. */
export async function fullInvariants(world: PurchasesWorld, customerIds: string[]): Promise<InvariantReport> {
  const db = sqlClientOf(world.prisma);
  const sql = await checkLedgerInvariants(db, { customerIds, purchases: true, settled: true });
  const upstream = await withUpstreamReader(world, (client) =>
    checkUpstreamMapping(db, client, { customerIds }),
  );
  return mergeInvariantReports(sql, upstream);
}

/** The names of the checks that failed, sorted and each once. */
export const failedChecks = (report: InvariantReport): string[] =>
  [...new Set(report.violations.map((violation) => violation.check))].sort();
