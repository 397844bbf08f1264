import type { StreamSkillClient, TarifDetailsObject } from '@app/streamskill';
import { validateUpstreamResponse } from '../support/openapi-contract';
import { GatewayHarness, startGateway } from '../support/gateway-harness';
import { customerWithKey, resell, sandboxClient, upstreamRequests } from './support';

describe('customer catalog: GET /v1/tarifs and /v1/tarifs/{id} (e2e over HTTP)', () => {
  let gw: GatewayHarness;
  let upstream: StreamSkillClient;
  let tenPercent: { id: string; key: string };
  let twentyFivePercent: { id: string; key: string };
  let noMarkup: { id: string; key: string };

  const tarifs = async (key: string, headers: Record<string, string> = {}) => {
    const res = await gw.call('GET', '/v1/tarifs', { key, headers });
    expect(res.status).toBe(200);
    return res.body as TarifDetailsObject[];
  };
  const byId = (list: TarifDetailsObject[], id: number) => list.find((tarif) => tarif.id === id);

  beforeAll(async () => {
    gw = await startGateway({ env: { GATEWAY_DEFAULT_MARKUP_PERCENT: '2' } });
    upstream = sandboxClient(gw);
    await resell(gw, 1, { enabled: true, markupPercent: '20' });
    await resell(gw, 2, { enabled: true, markupPercent: null });
    await resell(gw, 4, { enabled: true, markupPercent: null });
    await resell(gw, 6, { enabled: false });
    tenPercent = await customerWithKey(gw, { markupPercent: '10' });
    twentyFivePercent = await customerWithKey(gw, { markupPercent: '25' });
    noMarkup = await customerWithKey(gw);
  });
  afterAll(async () => {
    upstream.close();
    await gw.close();
  });

  it("lists the enabled tariffs in StreamSkill's shape at each customer's prices", async () => {
    const upstream1 = await upstream.getTarif(1);
    const upstream2 = await upstream.getTarif(2);
    const list = await tarifs(tenPercent.key);
    expect(list.map((tarif) => tarif.id)).toEqual(expect.arrayContaining([1, 2, 4]));
    expect(byId(list, 1)).toEqual({ ...upstream1, price: 5.5 });
    expect(byId(list, 2)).toEqual({
      ...upstream2,
      price: 148.5,
      graduated_prices: { '0': 148.5, '101': 198, '201': 297 },
    });
    for (const tarif of list) expect(validateUpstreamResponse('GET', '/tarifs/1', 200, tarif)).toEqual([]);
  });

  it('gives two customers with different markups different prices', async () => {
    expect(byId(await tarifs(twentyFivePercent.key), 1)?.price).toBe(6.25);
    expect(byId(await tarifs(twentyFivePercent.key), 4)?.price).toBe(1.25);
    expect(byId(await tarifs(tenPercent.key), 4)?.price).toBe(1.1);
  });

  it("applies the tariff's markup to a customer without one, else GATEWAY_DEFAULT_MARKUP_PERCENT", async () => {
    const list = await tarifs(noMarkup.key);
    expect(byId(list, 1)?.price).toBe(6); // the tariff's 20%
    expect(byId(list, 2)?.graduated_prices).toEqual({ '0': 137.7, '101': 183.6, '201': 275.4 }); // 2%
    expect(byId(list, 4)?.price).toBe(1.02);
  });

  it('hides disabled tariffs and those not in the catalog (404 in the envelope)', async () => {
    expect(byId(await tarifs(tenPercent.key), 6)).toBeUndefined();
    for (const path of ['/v1/tarifs/6', '/v1/tarifs/999', '/v1/tarifs/2147483648', '/v1/tarifs/abc']) {
      const res = await gw.call('GET', path, { key: tenPercent.key });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({
        name: 'Not Found',
        message: 'Tarif not found.',
        code: 0,
        status: 404,
        type: 'not_found_http_exception',
      });
    }
  });

  it("answers GET /tarifs/{id} exactly as StreamSkill does, at the customer's price", async () => {
    const res = await gw.call('GET', '/v1/tarifs/4?expand=panel', { key: twentyFivePercent.key });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...(await upstream.getTarif(4)), price: 1.25 });
    expect(validateUpstreamResponse('GET', '/tarifs/4', 200, res.body)).toEqual([]);
    const graduated = await gw.call('GET', '/v1/tarifs/2', { key: noMarkup.key });
    expect(validateUpstreamResponse('GET', '/tarifs/2', 200, graduated.body)).toEqual([]);
    const badExpand = await gw.call('GET', '/v1/tarifs/4?expand=tarif', { key: noMarkup.key });
    expect(badExpand.status).toBe(422);
    expect(Object.keys(badExpand.body.errors)).toEqual(['expand']);
  });

  it('serves the Russian texts for Accept-Language: ru', async () => {
    const ru = await upstream.getTarif(1, { language: 'ru' });
    const one = await gw.call('GET', '/v1/tarifs/1', {
      key: tenPercent.key,
      headers: { 'accept-language': 'ru' },
    });
    expect(one.body).toEqual({ ...ru, price: 5.5 });
    const list = await tarifs(tenPercent.key, { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' });
    expect(byId(list, 1)?.title).toBe('Зрители Twitch');
    expect(byId(await tarifs(tenPercent.key, { 'accept-language': 'de' }), 1)?.title).toBe('Twitch Viewers');
  });

  it('never calls upstream for customer reads', async () => {
    const before = await upstreamRequests(gw);
    await tarifs(tenPercent.key);
    await gw.call('GET', '/v1/tarifs/2', { key: tenPercent.key, headers: { 'accept-language': 'ru' } });
    await gw.call('GET', '/v1/tarifs/6', { key: tenPercent.key });
    expect(await upstreamRequests(gw)).toBe(before);
  });

  it("lets an admin read on behalf of a customer, at that customer's prices", async () => {
    const res = await gw.call('GET', '/v1/tarifs/1', {
      key: gw.adminKey,
      headers: { 'on-behalf-of': twentyFivePercent.id },
    });
    expect(res.body.price).toBe(6.25);
  });

  it('needs the purchases:read scope', async () => {
    const accountOnly = await customerWithKey(gw, { scopes: ['account:read'] });
    expect((await gw.call('GET', '/v1/tarifs', { key: accountOnly.key })).status).toBe(403);
    expect((await gw.call('GET', '/v1/tarifs/1', { key: accountOnly.key })).status).toBe(403);
    expect((await gw.call('GET', '/v1/tarifs')).status).toBe(401);
  });
});
