import { captureLogs } from './testing/captured-logs';
import { json, SAMPLE_PURCHASE, ScriptedUpstream } from './testing/scripted-upstream';
import { StreamSkillClient } from './streamskill.client';
import { StreamSkillAbortedError, StreamSkillTimeoutError } from './streamskill.errors';

const CART = { tarif: { id: 1 }, channel: 'twitch' };

describe('StreamSkillClient deadlines and cancellation', () => {
  let upstream: ScriptedUpstream;
  let logs: ReturnType<typeof captureLogs>;
  const clients: StreamSkillClient[] = [];
  const clientWith = (timeouts: { readTimeoutMs?: number; writeTimeoutMs?: number }) => {
    const client = new StreamSkillClient({ baseUrl: upstream.baseUrl, token: 'tok-timeouts', ...timeouts });
    clients.push(client);
    return client;
  };
  /** Answers after `ms`; the margins below are wide on purpose: nothing here measures time. */
  const answerAfter = (ms: number, body: unknown) =>
    upstream.respondWith((_request, response) => {
      setTimeout(() => json(response, 200, body), ms);
    });

  beforeAll(async () => (upstream = await ScriptedUpstream.start()));
  beforeEach(() => (logs = captureLogs()));
  afterEach(() => logs.restore());
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await upstream.close();
  });

  it('a call that never gets an answer fails as an ambiguous timeout', async () => {
    upstream.hang();
    const error = await clientWith({ writeTimeoutMs: 100 })
      .createPurchase(CART)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamSkillTimeoutError);
    expect(error).toMatchObject({
      kind: 'timeout',
      outcome: 'ambiguous',
      timeoutMs: 100,
      endpoint: 'POST /purchases/create',
    });
  });

  it('reads and writes have their own default deadlines', async () => {
    const client = clientWith({ readTimeoutMs: 50, writeTimeoutMs: 20_000 });
    answerAfter(400, SAMPLE_PURCHASE);
    await expect(client.getPurchase(1)).rejects.toMatchObject({ kind: 'timeout', timeoutMs: 50 });
    await expect(client.createPurchase(CART)).resolves.toMatchObject({ id: 1 });
  });

  it('a per-call timeout overrides the default', async () => {
    const client = clientWith({ readTimeoutMs: 20_000 });
    answerAfter(400, SAMPLE_PURCHASE);
    await expect(client.getPurchase(1, { timeoutMs: 50 })).rejects.toMatchObject({ timeoutMs: 50 });
    await expect(client.getPurchase(1, { timeoutMs: 20_000 })).resolves.toMatchObject({ id: 1 });
  });

  it('a signal aborted before the call sends nothing and is definite', async () => {
    const before = upstream.requests.length;
    const error = await clientWith({})
      .createPurchase(CART, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamSkillAbortedError);
    expect(error).toMatchObject({ kind: 'aborted', outcome: 'definite' });
    expect(upstream.requests.length).toBe(before);
  });

  it('a signal aborted while waiting is ambiguous', async () => {
    const controller = new AbortController();
    upstream.respondWith(() => controller.abort());
    await expect(clientWith({}).createPurchase(CART, { signal: controller.signal })).rejects.toMatchObject({
      kind: 'aborted',
      outcome: 'ambiguous',
    });
  });
});
