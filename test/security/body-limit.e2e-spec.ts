import pg from 'pg';
import { createCustomer } from '../auth/support';
import { sendRaw } from '../fuzz/support/raw-http';
import { GatewayHarness, startGateway } from '../support/gateway-harness';

const LIMIT = 1024;

/**
 * test/gateway/errors.e2e-spec.ts checks the 413 envelope on a test route through inject; this is
 * a real route over a socket, with and without Content-Length, and shows that nothing was written.
 */
describe('request body limit (BODY_LIMIT_BYTES)', () => {
  let gw: GatewayHarness;
  let db: pg.Client;
  let ledgerPath: string;
  let customerId: string;

  beforeAll(async () => {
    gw = await startGateway({ env: { BODY_LIMIT_BYTES: String(LIMIT) } });
    db = new pg.Client({ connectionString: gw.databaseUrl });
    await db.connect();
    customerId = (await createCustomer(gw)).id;
    ledgerPath = `/v1/admin/customers/${customerId}/ledger`;
  });
  afterAll(async () => {
    await db?.end();
    await gw?.close();
  });

  /** A valid credit of 1.00, padded with spaces (still valid JSON) to `size` bytes. */
  const creditOfSize = (size: number) => {
    const body = JSON.stringify({ type: 'credit', amount: '1.00', reason: 'body limit' });
    return body + ' '.repeat(size - Buffer.byteLength(body));
  };
  const entries = async () =>
    Number(
      (await db.query('SELECT count(*) FROM ledger_entries WHERE customer_id = $1', [customerId])).rows[0]
        .count,
    );
  const post = (body: string, headers: Record<string, string> = {}) =>
    sendRaw(gw.url, {
      method: 'POST',
      path: ledgerPath,
      headers: { authorization: `Bearer ${gw.adminKey}`, 'content-type': 'application/json', ...headers },
      body,
    });

  it('accepts a body of exactly the limit', async () => {
    expect((await post(creditOfSize(LIMIT))).status).toBe(201);
    expect(await entries()).toBe(1);
  });

  it('answers one byte more with 413 in the envelope, and writes nothing', async () => {
    const answer = await post(creditOfSize(LIMIT + 1));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({
      code: 0,
      status: 413,
      type: 'payload_too_large_http_exception',
      requestId: answer.headers['x-request-id'],
    });
    expect(await entries()).toBe(1);
  });

  it('counts the bytes received when the body comes in chunks, without a Content-Length', async () => {
    const answer = await post(creditOfSize(LIMIT * 4), { 'transfer-encoding': 'chunked' });
    expect(answer.status).toBe(413);
    expect(await entries()).toBe(1);
  });
});
