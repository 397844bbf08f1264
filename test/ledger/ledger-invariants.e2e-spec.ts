import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { GatewayHarness } from '../support/gateway-harness';
import {
  checkLedgerInvariants,
  formatInvariantReport,
  sqlClientOf,
} from '../../apps/gateway/src/ledger/ledger-invariants';
import { createCustomer, EMBEDDED_DATABASE, ledgerOf, money, startLedgerGateway } from './support';

const JOB = { type: 'job' as const, id: 'reconciler' };
const ROOT = path.resolve(__dirname, '../..');

describe('ledger invariant checker', () => {
  let gw: GatewayHarness;
  let l: ReturnType<typeof ledgerOf>;
  let customerId: string;
  let openHold: bigint;

  /** Changes the database for one check, and always puts it back: other suites may share it. */
  const whileCorrupted = async (corrupt: string, restore: string, check: () => Promise<void>) => {
    await l.prisma.$executeRawUnsafe(corrupt, customerId);
    try {
      await check();
    } finally {
      await l.prisma.$executeRawUnsafe(restore, customerId);
    }
  };
  const violatedChecks = async () => (await l.invariants([customerId])).violations.map((v) => v.check).sort();
  const runScript = () =>
    promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'scripts/check-ledger.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: gw.databaseUrl },
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );

  beforeAll(async () => {
    gw = await startLedgerGateway();
    l = ledgerOf(gw);
    customerId = await createCustomer(gw, '10.00');
    await l.credit(customerId, '50.00');
    const hold = (amount: string, purchaseId: number) =>
      l.inTx((tx) =>
        l.ledger.placeHold(tx, {
          customerId,
          amount: money(amount),
          purchaseId,
          purpose: 'create',
          actor: JOB,
        }),
      );
    const captured = await hold('20.00', 1);
    await l.inTx((tx) =>
      l.ledger.captureHold(tx, { holdId: captured.holdId, amount: money('18.00'), actor: JOB }),
    );
    const released = await hold('5.00', 2);
    await l.inTx((tx) =>
      l.ledger.releaseHold(tx, { holdId: released.holdId, actor: JOB, reason: 'rejected' }),
    );
    await l.inTx((tx) =>
      l.ledger.refund(tx, { customerId, purchaseId: 1, amount: money('3.00'), actor: JOB, reason: 'refund' }),
    );
    openHold = (await hold('40.00', 3)).holdId;
  });
  afterAll(async () => {
    await l.close();
    await gw.close();
  });

  it('passes on a clean ledger', async () => {
    const report = await l.invariants([customerId]);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual([
      'entries_sum_to_balance',
      'available_within_credit_limit',
      'open_holds_sum_to_held',
      'holds_settled_once',
      'entries_chain',
    ]);
    expect(formatInvariantReport(report)).toMatch(/Ledger invariants hold\.$/);
  });

  it('passes on the whole database, and so does npm run check:ledger', async () => {
    if (EMBEDDED_DATABASE) return; // the database other suites share holds rows this one cannot vouch for
    expect((await checkLedgerInvariants(sqlClientOf(l.prisma))).violations).toEqual([]);
    const { code, stdout } = await runScript();
    expect(stdout).toContain('Ledger invariants hold.');
    expect(code).toBe(0);
  });

  it('detects a balance row that disagrees with its entries, and the script exits 1', async () => {
    await whileCorrupted(
      'UPDATE balances SET total = total + 1 WHERE customer_id = $1::uuid',
      'UPDATE balances SET total = total - 1 WHERE customer_id = $1::uuid',
      async () => {
        expect(await violatedChecks()).toEqual(['entries_sum_to_balance']);
        const { code, stdout } = await runScript();
        expect(code).toBe(1);
        expect(stdout).toContain(`FAIL entries_sum_to_balance`);
        expect(stdout).toContain(
          `customer ${customerId}: balance total 36.00 / held 40.00, entries say 35.00 / 40.00`,
        );
      },
    );
    expect(await violatedChecks()).toEqual([]);
  });

  it('detects a held amount that open holds do not explain', async () => {
    await whileCorrupted(
      'UPDATE balances SET held = held - 40 WHERE customer_id = $1::uuid',
      'UPDATE balances SET held = held + 40 WHERE customer_id = $1::uuid',
      async () =>
        expect(await violatedChecks()).toEqual(['entries_sum_to_balance', 'open_holds_sum_to_held']),
    );
  });

  it('detects available below -creditLimit', async () => {
    await whileCorrupted(
      'UPDATE customers SET credit_limit = 0 WHERE id = $1::uuid',
      'UPDATE customers SET credit_limit = 10 WHERE id = $1::uuid',
      async () => expect(await violatedChecks()).toEqual(['available_within_credit_limit']),
    );
  });

  it('detects a hold settled without its capture or release entry', async () => {
    await whileCorrupted(
      `UPDATE holds SET state = 'released' WHERE customer_id = $1::uuid AND id = ${openHold}`,
      `UPDATE holds SET state = 'open' WHERE customer_id = $1::uuid AND id = ${openHold}`,
      async () => {
        expect(await violatedChecks()).toEqual(['holds_settled_once', 'open_holds_sum_to_held']);
        const report = await l.invariants([customerId]);
        expect(report.violations.find((v) => v.check === 'holds_settled_once')?.detail).toBe(
          `hold ${openHold} is released with 1 hold, 0 capture and 0 release entries`,
        );
      },
    );
  });
});
