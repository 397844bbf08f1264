import { randomUUID } from 'node:crypto';
import { GatewayHarness, startGateway } from '../support/gateway-harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('admin: customers (e2e over HTTP)', () => {
  let gw: GatewayHarness;
  const unique = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;
  const admin = (method: string, path: string, body?: unknown) =>
    gw.call(method, path, { key: gw.adminKey, body });

  beforeAll(async () => {
    gw = await startGateway();
  }, 120_000);
  afterAll(() => gw.close());

  it('creates a customer with defaults', async () => {
    const name = unique('Acme');
    const res = await admin('POST', '/v1/admin/customers', { name });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(UUID),
      name,
      externalId: null,
      status: 'active',
      markupPercent: null,
      creditLimit: '0.00',
      plan: 'standard',
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
    });
  });

  it('creates a customer with every field, then reads it back', async () => {
    const externalId = unique('ext');
    const created = await admin('POST', '/v1/admin/customers', {
      name: 'Full',
      externalId,
      markupPercent: '15.5',
      creditLimit: '100',
      plan: 'gold_1',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      externalId,
      markupPercent: '15.50',
      creditLimit: '100.00',
      plan: 'gold_1',
    });
    const read = await admin('GET', `/v1/admin/customers/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it.each([
    [{}, ['name']],
    [{ name: '' }, ['name']],
    [{ name: 42 }, ['name']],
    [{ name: null }, ['name']],
    [{ name: 'x'.repeat(201) }, ['name']],
    [{ name: 'x', markupPercent: '-1' }, ['markupPercent']],
    [{ name: 'x', markupPercent: 12.5 }, ['markupPercent']],
    [{ name: 'x', creditLimit: 'lots' }, ['creditLimit']],
    [{ name: 'x', creditLimit: null }, ['creditLimit']],
    [{ name: 'x', plan: 'Has Spaces' }, ['plan']],
    [{ name: 'x', plan: null }, ['plan']],
    [{ name: 'x', externalId: '' }, ['externalId']],
    [{ name: 'x', status: 'suspended' }, ['status']],
    [{ name: 'x', admin: true }, ['admin']],
    [{ markupPercent: 'abc', plan: '!' }, ['name', 'markupPercent', 'plan']],
  ])('rejects the create body %j with field errors on %j', async (body, fields) => {
    const res = await admin('POST', '/v1/admin/customers', body);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ status: 422, type: 'validate_exception', code: 0 });
    expect(Object.keys(res.body.errors).sort()).toEqual([...fields].sort());
    for (const field of fields) expect(res.body.errors[field][0]).toEqual(expect.any(String));
  });

  it('rejects a body that is not an object', async () => {
    const res = await admin('POST', '/v1/admin/customers', '[1,2]');
    expect([400, 422]).toContain(res.status);
  });

  it('answers a duplicate externalId with 409, on create and on update', async () => {
    const externalId = unique('dup');
    expect((await admin('POST', '/v1/admin/customers', { name: 'one', externalId })).status).toBe(201);
    const again = await admin('POST', '/v1/admin/customers', { name: 'two', externalId });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 409, type: 'conflict' });

    const other = await admin('POST', '/v1/admin/customers', { name: 'three' });
    const clash = await admin('PATCH', `/v1/admin/customers/${other.body.id}`, { externalId });
    expect(clash.status).toBe(409);
    expect((await admin('GET', `/v1/admin/customers/${other.body.id}`)).body.externalId).toBeNull();
  });

  it('updates some fields and leaves the others alone', async () => {
    const created = await admin('POST', '/v1/admin/customers', {
      name: 'Before',
      externalId: unique('upd'),
      creditLimit: '5',
    });
    const res = await admin('PATCH', `/v1/admin/customers/${created.body.id}`, {
      name: 'After',
      markupPercent: '20',
      plan: 'pro',
      status: 'suspended',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: created.body.id,
      name: 'After',
      externalId: created.body.externalId,
      markupPercent: '20.00',
      creditLimit: '5.00',
      plan: 'pro',
      status: 'suspended',
    });
    // markupPercent and externalId may be cleared with null; an empty patch changes nothing.
    const cleared = await admin('PATCH', `/v1/admin/customers/${created.body.id}`, {
      markupPercent: null,
      externalId: null,
    });
    expect(cleared.body).toMatchObject({ markupPercent: null, externalId: null, name: 'After' });
    const empty = await admin('PATCH', `/v1/admin/customers/${created.body.id}`, {});
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ name: 'After', status: 'suspended' });
  });

  it.each([
    [{ status: 'deleted' }, ['status']],
    [{ status: null }, ['status']],
    [{ name: null }, ['name']],
    [{ name: '' }, ['name']],
    [{ creditLimit: null }, ['creditLimit']],
    [{ creditLimit: '1.234' }, ['creditLimit']],
    [{ plan: null }, ['plan']],
    [{ id: randomUUID() }, ['id']],
  ])('rejects the update body %j with field errors on %j', async (body, fields) => {
    const created = await admin('POST', '/v1/admin/customers', { name: 'Patchy' });
    const res = await admin('PATCH', `/v1/admin/customers/${created.body.id}`, body);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors).sort()).toEqual(fields);
    expect((await admin('GET', `/v1/admin/customers/${created.body.id}`)).body).toEqual(created.body);
  });

  it.each([randomUUID(), 'not-a-uuid', '1'])('answers 404 for the unknown customer %s', async (id) => {
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { name: 'x' }],
    ] as const) {
      const res = await admin(method, `/v1/admin/customers/${id}`, body);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ status: 404, type: 'not_found_http_exception' });
    }
  });

  it('lists customers with filters and a cursor', async () => {
    const tag = unique('list');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await admin('POST', '/v1/admin/customers', {
        name: `${tag}-${i}`,
        externalId: `${tag}-${i}`,
      });
      ids.push(res.body.id);
    }
    await admin('PATCH', `/v1/admin/customers/${ids[1]}`, { status: 'suspended' });

    const byExternal = await admin('GET', `/v1/admin/customers?externalId=${tag}-3`);
    expect(byExternal.status).toBe(200);
    expect(byExternal.body.items.map((c: { id: string }) => c.id)).toEqual([ids[3]]);

    const suspended = await admin('GET', '/v1/admin/customers?status=suspended&limit=100');
    expect(suspended.body.items.map((c: { id: string }) => c.id)).toContain(ids[1]);
    expect(suspended.body.items.every((c: { status: string }) => c.status === 'suspended')).toBe(true);

    // Walk every page two at a time: each customer once, in creation order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await admin('GET', `/v1/admin/customers?limit=2${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['status=gone', 'status'],
    ['cursor=zzz', 'cursor'],
    ['colour=red', 'colour'],
  ])('rejects the list query %s with a field error', async (query, field) => {
    const res = await admin('GET', `/v1/admin/customers?${query}`);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual([field]);
  });
});
