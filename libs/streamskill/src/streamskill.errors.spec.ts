import { captureLogs } from './testing/captured-logs';
import { SAMPLE_PURCHASE, ScriptedUpstream, unusedPort } from './testing/scripted-upstream';
import { StreamSkillClient } from './streamskill.client';
import {
  StreamSkillHttpError,
  StreamSkillMalformedResponseError,
  StreamSkillNetworkError,
  StreamSkillRateLimitError,
} from './streamskill.errors';

const TOKEN = 'master-token-for-errors-spec';
const CART = { tarif: { id: 1 }, channel: 'twitch' };

describe('StreamSkillClient error classification', () => {
  let upstream: ScriptedUpstream;
  let client: StreamSkillClient;
  let logs: ReturnType<typeof captureLogs>;

  beforeAll(async () => {
    upstream = await ScriptedUpstream.start();
    client = new StreamSkillClient({ baseUrl: upstream.baseUrl, token: TOKEN });
  });
  beforeEach(() => (logs = captureLogs()));
  afterEach(() => logs.restore());
  afterAll(async () => {
    client.close();
    await upstream.close();
  });

  it.each([
    [400, 'bad_request_http_exception'],
    [401, 'unauthorized_http_exception'],
    [402, 'insufficient_funds'],
    [404, 'not_found_http_exception'],
    [405, 'method_not_allowed_http_exception'],
    [409, 'purchase_done'],
  ])('a %s answer is a definite StreamSkillHttpError carrying type and message', async (status, type) => {
    upstream.reply(status, { name: 'Some Name', message: `upstream says ${status}`, code: 0, status, type });
    const error = await client.startPurchase(3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamSkillHttpError);
    expect(error).toMatchObject({
      kind: 'http',
      outcome: 'definite',
      status,
      type,
      upstreamName: 'Some Name',
      message: `upstream says ${status}`,
      endpoint: 'POST /purchases/{orderId}/start',
    });
  });

  it('a 422 carries the per-field errors', async () => {
    upstream.reply(422, {
      name: 'Bad Request',
      errors: { 'tarif.id': ['Tarif not found'], channel: 'Channel is blank' },
      code: 0,
      status: 422,
      type: 'validate_exception',
    });
    await expect(client.createPurchase(CART)).rejects.toMatchObject({
      outcome: 'definite',
      status: 422,
      type: 'validate_exception',
      fieldErrors: { 'tarif.id': ['Tarif not found'], channel: ['Channel is blank'] },
      endpoint: 'POST /purchases/create',
    });
  });

  it('a 429 is definite and says when to retry, from Retry-After', async () => {
    upstream.reply(
      429,
      { name: 'Too Many Requests', status: 429, type: 'too_many_requests' },
      { 'Retry-After': '7' },
    );
    const error = await client.listPurchases().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamSkillRateLimitError);
    expect(error).toMatchObject({ outcome: 'definite', status: 429, retryAfterSeconds: 7 });
  });

  it('a 429 without Retry-After falls back to X-Rate-Limit-Reset', async () => {
    upstream.reply(
      429,
      {},
      { 'X-Rate-Limit-Limit': '30', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '3' },
    );
    await expect(client.listPurchases()).rejects.toMatchObject({
      retryAfterSeconds: 3,
      type: 'http_429',
      rateLimit: { limit: 30, remaining: 0, resetSeconds: 3 },
    });
  });

  it.each([500, 502, 503, 504])('a %s is ambiguous', async (status) => {
    upstream.reply(status, {
      name: 'Action failed',
      message: 'Action not performed',
      status,
      type: 'api_error',
    });
    await expect(client.createPurchase(CART)).rejects.toMatchObject({
      kind: 'http',
      outcome: 'ambiguous',
      status,
    });
  });

  it('an HTML error page still becomes a typed error', async () => {
    upstream.replyRaw(502, '<html>Bad Gateway</html>');
    await expect(client.createPurchase(CART)).rejects.toMatchObject({
      outcome: 'ambiguous',
      status: 502,
      type: 'http_502',
      message: expect.stringContaining('502'),
    });
  });

  it('a redirect is not followed and counts as ambiguous', async () => {
    upstream.reply(302, {}, { Location: 'http://127.0.0.1:1/elsewhere' });
    await expect(client.createPurchase(CART)).rejects.toMatchObject({
      kind: 'http',
      outcome: 'ambiguous',
      status: 302,
    });
  });

  it.each([
    ['unparseable JSON', () => upstream.replyRaw(200, '{"id": 1,', { 'Content-Type': 'application/json' })],
    ['an empty body', () => upstream.replyRaw(200, '')],
    ['a purchase without an id', () => upstream.reply(200, { ...SAMPLE_PURCHASE, id: 'x' })],
    ['a legacy error inside a 200', () => upstream.reply(200, { error: 'Not enough funds' })],
  ])('a 2xx with %s is an ambiguous malformed response', async (_label, script) => {
    script();
    const error = await client.createPurchase(CART).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamSkillMalformedResponseError);
    expect(error).toMatchObject({ kind: 'malformed_response', outcome: 'ambiguous', status: 200 });
  });

  it('checks list, bulk, action and tariff shapes too', async () => {
    upstream.reply(200, [SAMPLE_PURCHASE, { id: 0 }]);
    await expect(client.listUncompleted()).rejects.toBeInstanceOf(StreamSkillMalformedResponseError);
    upstream.reply(200, { items: [SAMPLE_PURCHASE] });
    await expect(client.getPurchasesBulk([1])).rejects.toBeInstanceOf(StreamSkillMalformedResponseError);
    upstream.reply(200, ['ok']);
    await expect(client.prolongPurchase(1, { count: 1 })).rejects.toBeInstanceOf(
      StreamSkillMalformedResponseError,
    );
    await expect(client.bulkStop([1])).rejects.toBeInstanceOf(StreamSkillMalformedResponseError);
    upstream.reply(200, { title: 'no id' });
    await expect(client.getTarif(1)).rejects.toBeInstanceOf(StreamSkillMalformedResponseError);
  });

  it('a connection dropped after the request is ambiguous', async () => {
    upstream.resetConnection();
    const error = await client.createPurchase(CART).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamSkillNetworkError);
    expect(error).toMatchObject({ kind: 'network', outcome: 'ambiguous', code: 'ECONNRESET' });
  });

  it('a refused connection is definite and marked unreachable', async () => {
    const nowhere = new StreamSkillClient({
      baseUrl: `http://127.0.0.1:${await unusedPort()}/v1`,
      token: TOKEN,
    });
    await expect(nowhere.createPurchase(CART)).rejects.toMatchObject({
      kind: 'unreachable',
      outcome: 'definite',
      code: 'ECONNREFUSED',
      endpoint: 'POST /purchases/create',
    });
    nowhere.close();
  });

  it('never retries a write, whatever the failure', async () => {
    for (const script of [
      () => upstream.reply(503, {}),
      () => upstream.resetConnection(),
      () => upstream.reply(429, {}),
    ]) {
      script();
      const before = upstream.requests.length;
      await expect(client.createPurchase(CART)).rejects.toBeDefined();
      await expect(client.prolongPurchase(1, { count: 1 })).rejects.toBeDefined();
      expect(upstream.requests.length - before).toBe(2);
    }
  });

  it('logs failures with the error kind', async () => {
    upstream.resetConnection();
    await client.listPurchases().catch(() => undefined);
    expect(logs.lines.some((line) => line.includes('GET /purchases -> network in'))).toBe(true);
  });
});
