import { SandboxControl } from '@app/sandbox/control/sandbox-control';
import type { StreamSkillClient } from '@app/streamskill';
import { CatalogRefresher } from '../../apps/gateway/src/catalog/catalog-refresher';
import { GatewayHarness, startGateway } from '../support/gateway-harness';
import { customerWithKey, resell, sandboxClient, upstreamRequests } from './support';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('admin: catalog (e2e over HTTP)', () => {
  let gw: GatewayHarness;
  let upstream: StreamSkillClient;
  let control: SandboxControl;
  const admin = (method: string, path: string, body?: unknown) =>
    gw.call(method, path, { key: gw.adminKey, body });
  const auditRows = async (query: string) =>
    (await admin('GET', `/v1/admin/audit?${query}`)).body.items as Record<string, unknown>[];

  beforeAll(async () => {
    gw = await startGateway();
    upstream = sandboxClient(gw);
    control = new SandboxControl(gw.sandbox);
  });
  afterEach(() => control.clearFaults());
  afterAll(async () => {
    upstream.close();
    await gw.close();
  });

  it('resells a tariff: fetches it upstream in en and ru and answers the cached entry', async () => {
    const before = await upstreamRequests(gw);
    const res = await admin('PUT', '/v1/admin/tarifs/1', { enabled: true, markupPercent: '15' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: 1,
      enabled: true,
      markupPercent: '15.00',
      supportsDuration: true,
      details: await upstream.getTarif(1, { language: 'en' }),
      detailsRu: await upstream.getTarif(1, { language: 'ru' }),
      fetchedAt: expect.stringMatching(ISO),
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
    });
    expect(res.body.detailsRu.title).toBe('Зрители Twitch');
    expect(await upstreamRequests(gw)).toBe(before + 2 + 2); // the gateway's two, and this test's two
    const [row] = await auditRows('action=catalog.tarif.put');
    expect(row).toMatchObject({ actorType: 'admin', target: '1', outcome: 'success', httpStatus: 200 });
  });

  it('changes terms: an omitted markup stays, null clears it; disabling a cached tariff calls no upstream', async () => {
    await resell(gw, 3, { enabled: true, markupPercent: '7.5', supportsDuration: true });
    const before = await upstreamRequests(gw);
    const disabled = await admin('PUT', '/v1/admin/tarifs/3', { enabled: false });
    expect(disabled.body).toMatchObject({
      id: 3,
      enabled: false,
      markupPercent: '7.50',
      supportsDuration: true,
    });
    expect(await upstreamRequests(gw)).toBe(before);
    const cleared = await admin('PUT', '/v1/admin/tarifs/3', {
      enabled: true,
      markupPercent: null,
      supportsDuration: false,
    });
    expect(cleared.body).toMatchObject({
      id: 3,
      enabled: true,
      markupPercent: null,
      supportsDuration: false,
    });
    await resell(gw, 3, { enabled: false, supportsDuration: true });
  });

  it('lists and reads the catalog', async () => {
    await resell(gw, 2, { enabled: true });
    await resell(gw, 6, { enabled: false });
    const list = await admin('GET', '/v1/admin/tarifs');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((item: { id: number }) => item.id);
    expect(ids).toEqual(expect.arrayContaining([1, 2, 6]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const enabledOnly = await admin('GET', '/v1/admin/tarifs?enabled=true');
    expect(enabledOnly.body.items.every((item: { enabled: boolean }) => item.enabled)).toBe(true);
    expect(enabledOnly.body.items.map((item: { id: number }) => item.id)).not.toContain(6);
    expect((await admin('GET', '/v1/admin/tarifs?enabled=maybe')).status).toBe(422);
    const one = await admin('GET', '/v1/admin/tarifs/2');
    expect(one.body).toMatchObject({
      id: 2,
      enabled: true,
      markupPercent: null,
      details: { pricing_type: 'graduated' },
    });
  });

  it('refreshes a cached tariff from upstream on demand', async () => {
    const before = (await admin('GET', '/v1/admin/tarifs/2')).body;
    const calls = await upstreamRequests(gw);
    const res = await admin('POST', '/v1/admin/tarifs/2/refresh');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 2,
      enabled: true,
      details: before.details,
      detailsRu: before.detailsRu,
    });
    expect(Date.parse(res.body.fetchedAt)).toBeGreaterThan(Date.parse(before.fetchedAt));
    expect(await upstreamRequests(gw)).toBe(calls + 2);
    const [row] = await auditRows('action=catalog.tarif.refresh&actorType=admin');
    expect(row).toMatchObject({ target: '2', outcome: 'success' });
  });

  it('answers 404 for tariffs that are not in the catalog, without asking upstream', async () => {
    const calls = await upstreamRequests(gw);
    for (const path of ['/v1/admin/tarifs/424242', '/v1/admin/tarifs/abc', '/v1/admin/tarifs/0']) {
      const res = await admin('GET', path);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({
        type: 'not_found_http_exception',
        message: 'Tarif not found.',
        status: 404,
      });
    }
    expect((await admin('POST', '/v1/admin/tarifs/424242/refresh')).status).toBe(404);
    expect(await upstreamRequests(gw)).toBe(calls);
  });

  it('answers 404 with a clear message for a tariff StreamSkill does not know, and stores nothing', async () => {
    const res = await admin('PUT', '/v1/admin/tarifs/999', { enabled: true });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      type: 'not_found_http_exception',
      message: 'StreamSkill has no tarif 999.',
    });
    expect((await admin('GET', '/v1/admin/tarifs/999')).status).toBe(404);
    expect((await admin('PUT', '/v1/admin/tarifs/99999999999', { enabled: true })).status).toBe(404);
  });

  it('maps an upstream outage to 502/503 and changes nothing', async () => {
    const read = async (id: number) => {
      const { requestId: _, ...body } = (await admin('GET', `/v1/admin/tarifs/${id}`)).body;
      return body; // a 404 envelope when not cached; its request id differs every time
    };
    const [cached, maybeCached] = [await read(2), await read(5)];
    await control.setFaults({ path: '/v1/tarifs/*', errorRate: { '503': 1 } });
    const refresh = await admin('POST', '/v1/admin/tarifs/2/refresh');
    expect(refresh.status).toBe(502);
    expect(refresh.body).toMatchObject({ type: 'upstream_unavailable' });
    expect((await admin('PUT', '/v1/admin/tarifs/2', { enabled: true, markupPercent: '99' })).status).toBe(
      502,
    );
    expect((await admin('PUT', '/v1/admin/tarifs/5', { enabled: true })).status).toBe(502);
    await control.setFaults({ path: '/v1/tarifs/*', errorRate: { '429': 1 } });
    const busy = await admin('PUT', '/v1/admin/tarifs/5', { enabled: true });
    expect(busy.status).toBe(503);
    expect(busy.body.type).toBe('upstream_busy');
    expect(await read(2)).toEqual(cached);
    expect(await read(5)).toEqual(maybeCached);
  });

  it('validates the body and the path', async () => {
    const bad = [
      [{}, 'enabled'],
      [{ enabled: 'yes' }, 'enabled'],
      [{ enabled: true, markupPercent: '-1' }, 'markupPercent'],
      [{ enabled: true, markupPercent: 15 }, 'markupPercent'],
      [{ enabled: true, supportsDuration: 'no' }, 'supportsDuration'],
      [{ enabled: true, price: 1 }, 'price'],
    ] as const;
    for (const [body, field] of bad) {
      const res = await admin('PUT', '/v1/admin/tarifs/1', body);
      expect(res.status).toBe(422);
      expect(res.body.type).toBe('validate_exception');
      expect(Object.keys(res.body.errors)).toContain(field);
    }
    expect((await admin('PUT', '/v1/admin/tarifs/1')).status).toBe(422);
    expect((await admin('PUT', '/v1/admin/tarifs/1.5', { enabled: true })).status).toBe(404);
  });

  it('is for admins only', async () => {
    const customer = await customerWithKey(gw);
    expect((await gw.call('GET', '/v1/admin/tarifs', { key: customer.key })).status).toBe(403);
    const put = await gw.call('PUT', '/v1/admin/tarifs/1', { key: customer.key, body: { enabled: false } });
    expect(put.status).toBe(403);
    expect((await admin('GET', '/v1/admin/tarifs/1')).body.enabled).toBe(true);
  });

  it('refreshes enabled tariffs in the background, one audit row per tariff, failures keeping the cache', async () => {
    const refresher = gw.app.get(CatalogRefresher);
    const since = BigInt((await auditRows('limit=1'))[0].seq as string);
    const ok = await refresher.refreshEnabled({ pauseMs: 0 });
    expect(ok.failed).toBe(0);
    expect(ok.refreshed).toBeGreaterThanOrEqual(2);
    const rows = (await auditRows('action=catalog.tarif.refresh&actorType=job&limit=200')).filter(
      (row) => BigInt(row.seq as string) > since,
    );
    expect(rows.filter((row) => row.target === '1')[0]).toMatchObject({
      actorId: 'catalog-refresh',
      outcome: 'success',
      customerId: null,
    });
    expect(rows.map((row) => row.target)).not.toContain('6'); // disabled: never refreshed

    const cached = (await admin('GET', '/v1/admin/tarifs/1')).body;
    await control.setFaults({ path: '/v1/tarifs/*', errorRate: { '500': 1 } });
    expect(await refresher.refreshOne(1)).toBe(false);
    const [failure] = await auditRows('action=catalog.tarif.refresh&actorType=job&outcome=failure');
    expect(failure).toMatchObject({ target: '1', outcome: 'failure' });
    expect((await admin('GET', '/v1/admin/tarifs/1')).body).toEqual(cached);
  });
});

describe('catalog: the background refresh job', () => {
  it('runs every CATALOG_REFRESH_INTERVAL_MS and audits each refresh as a job', async () => {
    const gw = await startGateway({ env: { CATALOG_REFRESH_INTERVAL_MS: '1000' } });
    try {
      const audit = (query: string) => gw.call('GET', `/v1/admin/audit?${query}`, { key: gw.adminKey });
      await resell(gw, 4, { enabled: true });
      const since = BigInt((await audit('limit=1')).body.items[0].seq);
      const refreshedByJob = async () => {
        const res = await audit('action=catalog.tarif.refresh&actorType=job&limit=200');
        return res.body.items.some(
          (row: { target: string; seq: string }) => row.target === '4' && BigInt(row.seq) > since,
        );
      };
      for (let attempt = 0; !(await refreshedByJob()); attempt++) {
        if (attempt > 200) throw new Error('the job never refreshed tariff 4');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await gw.close();
    }
  });
});
