import { upstreamOperationFor, upstreamOperations } from '../support/openapi-contract';
import { SandboxApi } from './support/sandbox-api';

/**
 * Every one of the 13 upstream operations, answered by the sandbox: each response (success and
 * errors) is validated against the vendored OpenAPI document by SandboxApi, and so is each request
 * sent here (all are valid). The bodies are the spec's own examples.
 */
describe('sandbox: OpenAPI contract', () => {
  let api: SandboxApi;

  beforeAll(async () => {
    api = await SandboxApi.start({ statusStepMs: 600_000, rateLimit: { burst: 1000, perSecond: 100 } });
  });
  afterAll(() => api.close());

  it('answers every operation within the contract, with the spec examples as bodies', async () => {
    const lang = { headers: { 'Accept-Language': 'ru' } };
    const viewers = await api.createPurchase({
      tarif: { id: 1, quantity: 1000, duration: 24 },
      channel: 'twitch',
      interval: 10,
      comment: 'Test comment',
      start: false,
    });
    const ai = (
      await api.post<{ id: number }>(
        '/purchases/create?expand=tarif,parent',
        { tarif: { id: 2 }, channel: 'x', lang: 'en' },
        lang,
      )
    ).body;
    const chat = await api.createPurchase({ tarif: { id: 3 }, channel: 'x' });
    const followers = await api.createPurchase({ tarif: { id: 5 }, channel: 'x', interval: 45 });
    const ok = [
      await api.get('/purchases?expand=tarif,parent,api,chatbot', lang),
      await api.get('/purchases/uncomplete?expand=chatbot'),
      await api.get(`/purchases/bulk?ids=${viewers.id},${ai.id},999&expand=api`),
      await api.get(`/purchases/${viewers.id}?expand=tarif`),
      await api.post(`/purchases/${viewers.id}/start`, undefined, lang),
      await api.post(`/purchases/${viewers.id}/prolong`, { count: 1 }),
      await api.post(`/purchases/${viewers.id}/edit-twitch-viewers`, {
        channel: 'twitch', threads: 100, stream_views: 5, uniq_viewers: 3, raid: false, raid_time: 10, connect_time: 5,
        online_mode: 'smooth_floating', manual_chart: { '0': 20, '5': 100, '30': 80 }, manual_chart_randomization: 15,
        manual_chart_end_action: 'repeat', manual_chart_end_param: 10, geo: 'auto', geo_percent: 50, chatlist: 30,
      }), // prettier-ignore
      await api.post(`/purchases/${followers.id}/edit-twitch-followers`, {
        channel: 'new_channel',
        interval: 45,
        floating_interval: true,
      }),
      await api.post(`/purchases/${chat.id}/edit-chatbot`, {
        interval: 10,
        mode: 1,
        phrases: ['test1', 'test2'],
      }),
      await api.post(`/purchases/${ai.id}/edit-ai-chatbots`, { language: 'auto', count: 50, interval: 10 }),
      await api.post('/purchases/bulk-stop', { ids: [chat.id, 999] }),
      ...(await Promise.all([1, 2, 3, 4, 5, 6].map((id) => api.get(`/tarifs/${id}?expand=panel`, lang)))),
    ];
    expect(ok.map((response) => response.status)).toEqual(ok.map(() => 200));
  });

  it('answers errors within the contract (declared ones by schema, the rest as ErrorObject)', async () => {
    const errors = [
      await api.get('/purchases', { token: null, request: 'skip' }),
      await api.post('/purchases/create', { tarif: { id: 999 }, channel: 'x' }),
      await api.get('/purchases/424242'),
      await api.post('/purchases/424242/start'),
      await api.post('/purchases/424242/edit-twitch-viewers', {}),
      await api.post('/purchases/424242/edit-ai-chatbots', {}),
      await api.post('/purchases/bulk-stop', { ids: [] }, { request: 'invalid' }),
      await api.get('/tarifs/999'),
    ];
    expect(errors.map((response) => response.status)).toEqual([401, 422, 404, 404, 404, 404, 422, 404]);
  });

  it('covered every operation of the contract with a 200', () => {
    const covered = new Set(
      api.exchanges
        .filter((exchange) => exchange.status === 200)
        .map((exchange) => upstreamOperationFor(exchange.method, exchange.path))
        .map((operation) => `${operation?.method} ${operation?.path}`),
    );
    const all = upstreamOperations().map((operation) => `${operation.method} ${operation.path}`);
    expect(all).toHaveLength(13);
    expect(all.filter((operation) => !covered.has(operation))).toEqual([]);
  });
});
