import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AuditRecorder } from '../../apps/gateway/src/audit/audit-recorder.service';
import { pollUntil } from '../auth/support';
import { GatewayHarness, startGateway } from '../support/gateway-harness';

/**
 * The policy (apps/gateway/src/audit/README.md): a failed audit write never changes the answer; it is
 * logged and counted, the row waits in a bounded in-memory backlog retried every 5 s, and readiness
 * fails while the backlog is not empty. The database "fails" here by losing the audit table.
 */
describe('when the audit log cannot be written', () => {
  let gw: GatewayHarness;
  let db: pg.Client;
  let recorder: AuditRecorder;
  let tableIsBroken = false;

  const breakTable = async () => {
    await db.query('ALTER TABLE audit_log RENAME TO audit_log_unavailable');
    tableIsBroken = true;
  };
  const repairTable = async () => {
    if (!tableIsBroken) return;
    await db.query('ALTER TABLE audit_log_unavailable RENAME TO audit_log');
    tableIsBroken = false;
  };
  const rowsFor = async (requestId: string) =>
    (await db.query('SELECT * FROM audit_log WHERE request_id = $1', [requestId])).rows;
  const readiness = () => gw.call('GET', '/v1/health/ready');

  beforeAll(async () => {
    gw = await startGateway();
    db = new pg.Client({ connectionString: gw.databaseUrl });
    await db.connect();
    recorder = gw.app.get(AuditRecorder);
  }, 120_000);
  afterAll(async () => {
    await repairTable();
    await db?.end();
    await gw?.close();
  });

  it('answers as usual, counts the failure, reports the backlog, and writes the rows once it can', async () => {
    expect(recorder.backlogSize).toBe(0);
    const failuresBefore = recorder.writeFailures;
    const created = `audit-down-${randomUUID()}`;
    const refused = `audit-down-${randomUUID()}`;
    const startedAt = Date.now();
    let answeredAt = Infinity;

    await breakTable();
    try {
      // A success stays a success...
      const ok = await gw.call('POST', '/v1/admin/customers', {
        key: gw.adminKey,
        body: { name: 'made while the audit log is down' },
        headers: { 'x-request-id': created },
      });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ name: 'made while the audit log is down', status: 'active' });
      expect((await db.query('SELECT 1 FROM customers WHERE id = $1', [ok.body.id])).rowCount).toBe(1);
      // ...and a failure stays the same failure.
      const bad = await gw.call('POST', '/v1/admin/customers', {
        key: gw.adminKey,
        body: { name: '' },
        headers: { 'x-request-id': refused },
      });
      expect(bad.status).toBe(422);
      expect(bad.body).toMatchObject({ type: 'validate_exception', errors: { name: expect.any(Array) } });
      answeredAt = Date.now();

      expect(recorder.writeFailures).toBe(failuresBefore + 2);
      expect(recorder.backlogSize).toBe(2);
      const ready = await readiness();
      expect(ready.status).toBe(503);
      expect(ready.body.checks.audit).toMatchObject({
        status: 'error',
        backlog: 2,
        writeFailures: failuresBefore + 2,
        error: 'audit rows are waiting to be written',
      });
      const logged = gw.logs.filter((line) => line.includes('Audit write failed'));
      expect(logged.length).toBeGreaterThanOrEqual(2);
      expect(logged.some((line) => line.includes(created))).toBe(true);
    } finally {
      await repairTable();
    }

    // The retry timer (every 5 s) writes the backlog: no call into the recorder here.
    await pollUntil(async () => recorder.backlogSize === 0, { attempts: 40, intervalMs: 250 });
    const ready = await readiness();
    expect(ready.body.checks.audit).toMatchObject({ status: 'ok', backlog: 0 });

    const [createdRow] = await rowsFor(created);
    expect(createdRow).toMatchObject({ action: 'customer.create', outcome: 'success', http_status: 201 });
    const [refusedRow] = await rowsFor(refused);
    expect(refusedRow).toMatchObject({ action: 'customer.create', outcome: 'failure', http_status: 422 });
    // Written late, but dated when the request happened.
    for (const row of [createdRow, refusedRow]) {
      expect(row.occurred_at.getTime()).toBeGreaterThanOrEqual(startedAt - 5);
      expect(row.occurred_at.getTime()).toBeLessThanOrEqual(answeredAt);
    }
    const verify = await gw.call('GET', '/v1/admin/audit/verify', { key: gw.adminKey });
    expect(verify.body).toMatchObject({ ok: true });
  });
});
