import pg from 'pg';
import { AuditRecorder } from '../../apps/gateway/src/audit/audit-recorder.service';
import { createCustomer, issueKey } from '../auth/support';
import { envelopeProblems } from '../fuzz/support/answer-checks';
import { RawAnswer, sendRaw } from '../fuzz/support/raw-http';
import { GatewayHarness, startGateway } from '../support/gateway-harness';

/** Requests the OpenAPI fuzzer (test/fuzz) found answered with a 5xx, outside the envelope, or accepted. */
describe('hostile input the fuzzer found', () => {
  let gw: GatewayHarness;
  let db: pg.Client;
  let customerId: string;
  let customerKey: string;

  beforeAll(async () => {
    gw = await startGateway();
    db = new pg.Client({ connectionString: gw.databaseUrl });
    await db.connect();
    customerId = (await createCustomer(gw)).id;
    customerKey = (await issueKey(gw, customerId)).key;
  });
  afterAll(async () => {
    await db?.end();
    await gw?.close();
  });

  const admin = (
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string | string[]> = {},
  ) =>
    sendRaw(gw.url, {
      method,
      path,
      headers: { authorization: `Bearer ${gw.adminKey}`, 'content-type': 'application/json', ...headers },
      body,
    });
  const expectRefused = (answer: RawAnswer, status: number) => {
    expect({ status: answer.status, problems: envelopeProblems(answer) }).toEqual({ status, problems: [] });
    return JSON.parse(answer.text);
  };
  const ledgerEntries = async () =>
    Number(
      (await db.query('SELECT count(*) FROM ledger_entries WHERE customer_id = $1', [customerId])).rows[0]
        .count,
    );

  it('refuses a body nested thousands of levels deep with 400, not a stack overflow (500)', async () => {
    const deep = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
    const cart = `{"tarif":{"id":1},"channel":"x","comment":${deep}}`;
    const answer = await sendRaw(gw.url, {
      method: 'POST',
      path: '/v1/quotes',
      headers: { authorization: `Bearer ${customerKey}`, 'content-type': 'application/json' },
      body: cart,
    });
    expect(expectRefused(answer, 400).message).toMatch(/nested deeper than 32 levels/);
  });

  it.each(['toString', 'hasOwnProperty', 'prototype', 'constructor'])(
    'refuses an unknown field named %s, which the validator took for a declared one',
    async (field) => {
      const answer = await admin('POST', '/v1/admin/customers', JSON.stringify({ name: 'x', [field]: 1 }));
      expect(expectRefused(answer, 422).errors).toEqual({ [field]: [`property ${field} should not exist`] });
    },
  );

  it.each([
    ['a query filter', '/v1/admin/customers?externalId=a%00b'],
    ['a path parameter', '/v1/admin/customers/a%00b'],
  ])('refuses a NUL character in %s with 400, which PostgreSQL answered with a 500', async (_label, path) => {
    const answer = await admin('GET', path);
    expect(expectRefused(answer, 400).message).toMatch(/NUL/);
  });

  it('audits an anonymous request with a NUL in its path without blocking the audit trail', async () => {
    const answer = await sendRaw(gw.url, { method: 'POST', path: '/v1/purchases/%00/start', headers: {} });
    expectRefused(answer, 400);
    const requestId = JSON.parse(answer.text).requestId as string;
    const { rows } = await db.query('SELECT target FROM audit_log WHERE request_id = $1', [requestId]);
    expect(rows).toHaveLength(1);
    expect(gw.app.get(AuditRecorder).backlogSize).toBe(0);
  });

  it('refuses a NUL character in a JSON string with 422 and writes nothing', async () => {
    const before = (await db.query('SELECT count(*) FROM customers')).rows[0].count;
    const answer = await admin('POST', '/v1/admin/customers', JSON.stringify({ name: 'a\u0000b' }));
    expect(expectRefused(answer, 422).errors).toEqual({ name: ['name must not contain NUL characters'] });
    expect((await db.query('SELECT count(*) FROM customers')).rows[0].count).toBe(before);
  });

  it('answers headers over 16 KB with 431 in the envelope, not Fastify’s own JSON', async () => {
    const answer = await admin('GET', '/v1/account', undefined, { 'x-padding': 'p'.repeat(20_000) });
    expectRefused(answer, 431);
  });

  it.each([
    ['an audit customerId of 36 dashes', `/v1/admin/audit?customerId=${'-'.repeat(36)}`, 'customerId'],
    ['an audit cursor past the bigint range', '/v1/admin/audit?cursor=9999999999999999999', 'cursor'],
    ['a customers cursor of 36 dashes', `/v1/admin/customers?cursor=${'-'.repeat(36)}`, 'cursor'],
  ])('answers %s with 422, not a database error (500)', async (_label, path, field) => {
    expect(Object.keys(expectRefused(await admin('GET', path), 422).errors)).toEqual([field]);
  });

  it('refuses two Idempotency-Key headers, which Node joins into one valid-looking key, and writes nothing', async () => {
    const before = await ledgerEntries();
    const credit = JSON.stringify({ type: 'credit', amount: '5.00', reason: 'two keys' });
    const answer = await admin('POST', `/v1/admin/customers/${customerId}/ledger`, credit, {
      'idempotency-key': ['first', 'second'],
    });
    expect(expectRefused(answer, 400).message).toMatch(/one Idempotency-Key/);
    expect(await ledgerEntries()).toBe(before);
  });
});
