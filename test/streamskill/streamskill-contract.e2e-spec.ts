import { ENDPOINTS, endpointLabel, type StreamSkillClient } from '@app/streamskill';
import { upstreamOperations, validateUpstreamRequest } from '../support/openapi-contract';
import { RecordingProxy, type ProxiedRequest } from './support/recording-proxy';
import { sandboxWithClient, type SandboxWithClient } from './support/sandbox-client';

/** What the client puts on the wire, checked against the vendored OpenAPI document. */
describe('StreamSkillClient requests match the upstream contract', () => {
  let env: SandboxWithClient;
  let proxy: RecordingProxy;
  let client: StreamSkillClient;

  beforeAll(async () => {
    env = await sandboxWithClient();
    proxy = await RecordingProxy.start(env.sandbox.origin);
    client = env.clientFor({ baseUrl: `${proxy.origin}/v1` });
    await exerciseEveryEndpoint(client);
  });
  afterAll(async () => {
    await proxy.close();
    await env.close();
  });

  it('covers every operation in the contract', () => {
    const contract = upstreamOperations().map((op) => `${op.method} ${op.path}`);
    const implemented = Object.values(ENDPOINTS).map(endpointLabel);
    expect(implemented.sort()).toEqual(contract.sort());
    // One request per operation, plus three more creates for the other tariff kinds.
    expect(proxy.requests).toHaveLength(contract.length + 3);
  });

  it('sends requests that validate: path, query, headers and body', () => {
    const problems = proxy.requests.flatMap((request) =>
      validateUpstreamRequest(request.method, request.url, {
        headers: request.headers,
        ...(bodyOf(request) === undefined ? {} : { body: bodyOf(request) }),
      }),
    );
    expect(problems).toEqual([]);
  });

  it('always sends the bearer token and an explicit Accept-Language', () => {
    for (const { headers } of proxy.requests) {
      expect(headers.authorization).toBe(`Bearer ${env.sandbox.token}`);
      expect(['en', 'ru']).toContain(headers['accept-language']);
    }
  });

  it('the contract check is not vacuous', () => {
    expect(validateUpstreamRequest('GET', '/v1/purchases/bulk?ids=0,a', { headers: {} })).not.toEqual([]);
    expect(validateUpstreamRequest('POST', '/v1/purchases/1/prolong', { body: { count: 0 } })).not.toEqual(
      [],
    );
  });
});

function bodyOf(request: ProxiedRequest): unknown {
  return request.body === '' ? undefined : JSON.parse(request.body);
}

async function exerciseEveryEndpoint(client: StreamSkillClient): Promise<void> {
  const viewers = await client.createPurchase(
    { tarif: { id: 1, quantity: 1000, duration: 2 }, channel: 'twitch', comment: 'contract', start: false },
    { expand: ['tarif'] },
  );
  const followers = await client.createPurchase({
    tarif: { id: 5, quantity: 100 },
    channel: 'twitch',
    interval: 60,
  });
  const chatbot = await client.createPurchase({
    tarif: { id: 3, quantity: 10, duration: 2 },
    channel: 'twitch',
  });
  const ai = await client.createPurchase({
    tarif: { id: 2, quantity: 50 },
    channel: 'twitch',
    lang: 'zh-hk',
  });
  await client.listPurchases({ expand: ['tarif', 'parent', 'api', 'chatbot'], language: 'ru' });
  await client.listUncompleted();
  await client.getPurchasesBulk([viewers.id, followers.id, 999], { expand: ['chatbot'] });
  await client.getPurchase(viewers.id, { language: 'ru' });
  await client.startPurchase(viewers.id);
  await client.prolongPurchase(viewers.id, { count: 1 });
  await client.editTwitchViewers(viewers.id, {
    online_mode: 'manual',
    manual_chart: { 0: 20, 5: 100, 30: 80 },
    manual_chart_randomization: 15,
    manual_chart_end_action: 'repeat',
    manual_chart_end_param: 10,
  });
  await client.editTwitchFollowers(followers.id, {
    channel: 'new_channel',
    interval: 45,
    floating_interval: true,
  });
  await client.editChatbot(chatbot.id, { interval: 10, mode: 0, phrases: ['a', 'b'] });
  await client.editAiChatbots(ai.id, { language: 'auto', count: 10, interval: 6 });
  await client.bulkStop([viewers.id, chatbot.id]);
  await client.getTarif(2, { expand: ['panel'] });
}
