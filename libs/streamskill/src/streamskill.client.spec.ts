import { captureLogs } from './testing/captured-logs';
import { SAMPLE_PURCHASE, ScriptedUpstream } from './testing/scripted-upstream';
import { StreamSkillClient } from './streamskill.client';
import { StreamSkillRequestError } from './streamskill.errors';
import type { CartObject } from './streamskill.types';

const TOKEN = 'master-token-for-client-spec';

describe('StreamSkillClient requests', () => {
  let upstream: ScriptedUpstream;
  let client: StreamSkillClient;
  let logs: ReturnType<typeof captureLogs>;

  beforeAll(async () => {
    upstream = await ScriptedUpstream.start();
    client = new StreamSkillClient({ baseUrl: upstream.baseUrl, token: TOKEN, language: 'en' });
  });
  beforeEach(() => {
    logs = captureLogs();
    upstream.reply(200, SAMPLE_PURCHASE);
  });
  afterEach(() => logs.restore());
  afterAll(async () => {
    client.close();
    await upstream.close();
  });

  it('sends the bearer token, JSON and an explicit Accept-Language on every call', async () => {
    await client.createPurchase({ tarif: { id: 1, quantity: 100 }, channel: 'twitch' });
    const { headers, method, url, body } = upstream.lastRequest;
    expect(method).toBe('POST');
    expect(url).toBe('/v1/purchases/create');
    expect(headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(headers['accept-language']).toBe('en');
    expect(headers.accept).toBe('application/json');
    expect(headers['content-type']).toBe('application/json');
    expect(headers['user-agent']).toBe('streamskill-gateway');
    expect(JSON.parse(body)).toEqual({ tarif: { id: 1, quantity: 100 }, channel: 'twitch' });
  });

  it('lets a call choose its language, and the client its default', async () => {
    await client.getPurchase(1, { language: 'ru' });
    expect(upstream.lastRequest.headers['accept-language']).toBe('ru');

    const russian = new StreamSkillClient({
      baseUrl: upstream.baseUrl,
      token: TOKEN,
      language: 'ru',
      userAgent: 'x/1',
    });
    await russian.getPurchase(1);
    expect(upstream.lastRequest.headers['accept-language']).toBe('ru');
    expect(upstream.lastRequest.headers['user-agent']).toBe('x/1');
    russian.close();
  });

  it('puts expand values in one comma-separated parameter', async () => {
    const purchase = await client.getPurchase(7, { expand: ['tarif', 'parent'] });
    expect(upstream.lastRequest.url).toBe('/v1/purchases/7?expand=tarif,parent');
    expect(purchase.id).toBe(1);

    upstream.reply(200, [SAMPLE_PURCHASE]);
    await client.listPurchases();
    expect(upstream.lastRequest.url).toBe('/v1/purchases');
    await client.listUncompleted({ expand: ['api'] });
    expect(upstream.lastRequest.url).toBe('/v1/purchases/uncomplete?expand=api');
  });

  it('reads bulk purchases with ids=1,2,3', async () => {
    upstream.reply(200, { items: [SAMPLE_PURCHASE], missing_ids: [3] });
    const result = await client.getPurchasesBulk([1, 2, 3], { expand: ['chatbot'] });
    expect(upstream.lastRequest.url).toBe('/v1/purchases/bulk?ids=1,2,3&expand=chatbot');
    expect(result.missing_ids).toEqual([3]);
  });

  it.each([
    ['no ids', []],
    ['101 ids', Array.from({ length: 101 }, (_, i) => i + 1)],
    ['a zero id', [0]],
    ['a fractional id', [1.5]],
  ])('refuses bulk reads and stops with %s before sending anything', async (_label, ids) => {
    const before = upstream.requests.length;
    await expect(client.getPurchasesBulk(ids)).rejects.toMatchObject({
      kind: 'invalid_request',
      outcome: 'definite',
      fieldErrors: { ids: [expect.any(String)] },
    });
    await expect(client.bulkStop(ids)).rejects.toBeInstanceOf(StreamSkillRequestError);
    expect(upstream.requests.length).toBe(before);
  });

  it('refuses non-positive path ids and unknown expand values', async () => {
    await expect(client.getPurchase(-1)).rejects.toMatchObject({
      fieldErrors: { orderId: expect.any(Array) },
    });
    await expect(client.getTarif(Number.NaN)).rejects.toMatchObject({
      fieldErrors: { tarifId: expect.any(Array) },
    });
    const sneaky = { expand: ['tarif/../../x'] } as unknown as { expand: ['tarif'] };
    await expect(client.getPurchase(1, sneaky)).rejects.toMatchObject({ kind: 'invalid_request' });
  });

  it('refuses a body that is not JSON-serialisable, without sending it', async () => {
    const before = upstream.requests.length;
    const cart = { tarif: { id: 1 }, channel: 'twitch', comment: 1n } as unknown as CartObject;
    await expect(client.createPurchase(cart)).rejects.toMatchObject({
      kind: 'invalid_request',
      outcome: 'definite',
    });
    expect(upstream.requests.length).toBe(before);
  });

  it('posts actions to their paths with their bodies', async () => {
    upstream.reply(200, { status: 'ok' });
    const calls: [() => Promise<unknown>, string, unknown][] = [
      [() => client.prolongPurchase(5, { count: 2 }), '/v1/purchases/5/prolong', { count: 2 }],
      [
        () => client.editTwitchViewers(5, { threads: 10 }),
        '/v1/purchases/5/edit-twitch-viewers',
        { threads: 10 },
      ],
      [
        () => client.editTwitchFollowers(5, { interval: 45 }),
        '/v1/purchases/5/edit-twitch-followers',
        { interval: 45 },
      ],
      [() => client.editChatbot(5, { mode: 1 }), '/v1/purchases/5/edit-chatbot', { mode: 1 }],
      [() => client.editAiChatbots(5, { count: 3 }), '/v1/purchases/5/edit-ai-chatbots', { count: 3 }],
      [() => client.bulkStop([5, 6]), '/v1/purchases/bulk-stop', { ids: [5, 6] }],
    ];
    for (const [call, path, body] of calls) {
      await expect(call()).resolves.toEqual({ status: 'ok' });
      expect(upstream.lastRequest).toMatchObject({ method: 'POST', url: path });
      expect(JSON.parse(upstream.lastRequest.body)).toEqual(body);
    }
  });

  it('starts a purchase with an empty body and no content type', async () => {
    upstream.reply(200, { status: 'ok' });
    await client.startPurchase(9);
    expect(upstream.lastRequest).toMatchObject({ method: 'POST', url: '/v1/purchases/9/start', body: '' });
    expect(upstream.lastRequest.headers['content-type']).toBeUndefined();
  });

  it('reads a tariff, with count as a number or a range', async () => {
    const tarif = { id: 2, count: { min: 1, max: 5 }, graduated_prices: null, pricing_type: 'standard' };
    upstream.reply(200, tarif);
    await expect(client.getTarif(2, { expand: ['panel'] })).resolves.toEqual(tarif);
    expect(upstream.lastRequest.url).toBe('/v1/tarifs/2?expand=panel');
  });

  it('types fields named in expand as unknown, the others as documented', async () => {
    upstream.reply(200, { ...SAMPLE_PURCHASE, tarif: { id: 1, title: 'Viewers' } });
    const expanded = await client.getPurchase(1, { expand: ['tarif'] });
    // @ts-expect-error an expanded tarif is no longer known to be a number
    const tarifAsNumber: number = expanded.tarif;
    const channel: string = expanded.channel;
    expect([tarifAsNumber, channel]).toEqual([{ id: 1, title: 'Viewers' }, 'twitch']);
  });

  it('returns the bulk-stop result as StreamSkill sent it', async () => {
    upstream.reply(200, { stopped: [1], failed: { 2: 'done' } });
    await expect(client.bulkStop([1, 2])).resolves.toEqual({ stopped: [1], failed: { 2: 'done' } });
  });

  it('logs one debug line per call with the path template and status, never the token or body', async () => {
    upstream.reply(200, { ...SAMPLE_PURCHASE, channel: 'secret-channel-name' });
    await client.getPurchase(42);
    const line = logs.lines.find((l) => l.includes('GET /purchases/{orderId}'));
    expect(line).toMatch(/^debug GET \/purchases\/\{orderId\} -> 200 in \d+ ms StreamSkillClient$/);
    expect(logs.lines.join('\n')).not.toMatch(/secret-channel-name|master-token/);
  });
});
