import { randomUUID } from 'node:crypto';
import { PrismaService } from '@app/database';
import type { GatewayHarness } from '../support/gateway-harness';
import { IdempotencyService } from '../../apps/gateway/src/idempotency/idempotency.service';
import { requestFingerprint } from '../../apps/gateway/src/idempotency/request-fingerprint';
import { createCustomer, startLedgerGateway } from '../ledger/support';

const SCOPE = 'POST /v1/admin/customers/:id/ledger';

describe('Idempotency-Key on POST /v1/admin/customers/{id}/ledger (e2e over HTTP)', () => {
  let gw: GatewayHarness;
  const path = (customerId: string) => `/v1/admin/customers/${customerId}/ledger`;
  const post = (customerId: string, body: unknown, key?: string) =>
    gw.call('POST', path(customerId), {
      key: gw.adminKey,
      body,
      headers: key === undefined ? {} : { 'Idempotency-Key': key },
    });
  const entries = async (customerId: string) =>
    (await gw.call('GET', `${path(customerId)}?limit=200`, { key: gw.adminKey })).body.items;
  const topUp = { type: 'credit', amount: '25.00', reason: 'top-up' };

  beforeAll(async () => {
    gw = await startLedgerGateway();
  });
  afterAll(() => gw.close());

  it('replays the first answer for a retry, marked Idempotent-Replayed, without a second entry', async () => {
    const customerId = await createCustomer(gw);
    const key = randomUUID();
    const first = await post(customerId, topUp, key);
    const retry = await post(customerId, { reason: 'top-up', amount: '25.00', type: 'credit' }, key);

    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(first.body.reference).toBe(`idempotency-key:${key}`);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await entries(customerId)).toHaveLength(1);
  });

  it('answers 422 for the same key with a different body', async () => {
    const customerId = await createCustomer(gw);
    const key = randomUUID();
    await post(customerId, topUp, key);
    const res = await post(customerId, { ...topUp, amount: '26.00' }, key);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ status: 422, type: 'idempotency_conflict' });
    expect(res.body.message).toMatch(/different request/);
    expect(await entries(customerId)).toHaveLength(1);
  });

  it('answers 409 while the first request with the key is still in progress', async () => {
    const customerId = await createCustomer(gw);
    const key = randomUUID();
    const requestHash = requestFingerprint({ method: 'POST', url: path(customerId), body: topUp });
    const idempotency = gw.app.get(IdempotencyService);
    await idempotency.begin({ customerId, scope: SCOPE, key, requestHash });

    const res = await post(customerId, topUp, key);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: 'idempotency_conflict' });
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await entries(customerId)).toHaveLength(0);

    await idempotency.complete({ customerId, scope: SCOPE, key, status: 201, body: { done: true } });
    const replay = await post(customerId, topUp, key);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual({ done: true });
  });

  it('runs exactly one of 30 concurrent identical requests', async () => {
    const customerId = await createCustomer(gw);
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 30 }, () => post(customerId, topUp, key)));

    const created = answers.filter((a) => a.status === 201);
    const executed = created.filter((a) => a.headers.get('idempotent-replayed') === null);
    expect(answers.filter((a) => a.status !== 201 && a.status !== 409).map((a) => a.body)).toEqual([]);
    expect(executed).toHaveLength(1);
    for (const answer of created) expect(answer.body).toEqual(executed[0].body);
    expect(await entries(customerId)).toHaveLength(1);
    const after = await post(customerId, topUp, key);
    expect(after.headers.get('idempotent-replayed')).toBe('true');
    expect(after.body).toEqual(executed[0].body);
  });

  it('forgets the key of a request refused before it did anything, so a corrected retry runs', async () => {
    const customerId = await createCustomer(gw);
    const key = randomUUID();
    expect((await post(customerId, { ...topUp, amount: '-5' }, key)).status).toBe(422);
    expect((await post(customerId, { type: 'debit', amount: '5.00', reason: 'fee' }, key)).status).toBe(402);
    const corrected = await post(customerId, topUp, key);
    expect(corrected.status).toBe(201);
    expect(corrected.headers.get('idempotent-replayed')).toBeNull();
    expect(await entries(customerId)).toHaveLength(1);
  });

  it('scopes keys to the customer', async () => {
    const [a, b] = [await createCustomer(gw), await createCustomer(gw)];
    const key = randomUUID();
    const forA = await post(a, topUp, key);
    const forB = await post(b, topUp, key);
    expect(forB.status).toBe(201);
    expect(forB.headers.get('idempotent-replayed')).toBeNull();
    expect(forB.body.id).not.toBe(forA.body.id);
  });

  it('treats requests without a key as independent', async () => {
    const customerId = await createCustomer(gw);
    await post(customerId, topUp);
    await post(customerId, topUp);
    expect(await entries(customerId)).toHaveLength(2);
  });

  it.each([
    ['too long', 'k'.repeat(256)],
    ['empty', ''],
    ['with a control character', 'a\tb'],
  ])('answers a key that is %s with 400', async (_label, key) => {
    const customerId = await createCustomer(gw);
    const res = await post(customerId, topUp, key);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, type: 'bad_request_http_exception' });
    expect(res.body.message).toMatch(/Idempotency-Key/);
    expect(await entries(customerId)).toHaveLength(0);
  });

  it('lets the cleanup delete records whose retention has passed', async () => {
    const customerId = await createCustomer(gw);
    const key = randomUUID();
    await post(customerId, topUp, key);
    await gw.app.get(PrismaService).$executeRaw`
      UPDATE idempotency_records SET expires_at = now() - interval '1 second'
      WHERE customer_id = ${customerId}::uuid AND key = ${key}`;
    expect(await gw.app.get(IdempotencyService).deleteExpired()).toBeGreaterThanOrEqual(1);
    const again = await post(customerId, topUp, key);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(await entries(customerId)).toHaveLength(2);
  });
});
