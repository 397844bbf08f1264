import {
  StreamSkillHttpError,
  StreamSkillRateLimitError,
  type CartObject,
  type RateLimitSnapshot,
} from '@app/streamskill';
import { sandboxWithClient, type SandboxWithClient } from './support/sandbox-client';

const VIEWERS: CartObject = { tarif: { id: 1, quantity: 100, duration: 1 }, channel: 'twitch' };

describe('StreamSkillClient against the sandbox: every endpoint', () => {
  let env: SandboxWithClient;

  beforeAll(async () => (env = await sandboxWithClient()));
  afterAll(async () => env.close());
  beforeEach(async () => {
    await env.control.reset();
    await env.control.clearFaults();
  });

  it('creates, reads, lists and bulk-reads purchases', async () => {
    const { client } = env;
    const created = await client.createPurchase(VIEWERS);
    expect(created).toMatchObject({ id: expect.any(Number), tarif: 1, status: 'created', currency: 'usd' });

    await expect(client.getPurchase(created.id)).resolves.toMatchObject({ id: created.id });
    expect((await client.listPurchases()).map((p) => p.id)).toContain(created.id);
    expect((await client.listUncompleted()).map((p) => p.id)).toContain(created.id);
    const withTarif = await client.listPurchases({ expand: ['tarif', 'parent'] });
    expect(withTarif.find((p) => p.id === created.id)).toBeDefined();

    const bulk = await client.getPurchasesBulk([created.id, 999_999]);
    expect(bulk.items.map((p) => p.id)).toEqual([created.id]);
    expect(bulk.missing_ids).toEqual([999_999]);
  });

  it('starts, prolongs, edits and stops purchases', async () => {
    const { client, control } = env;
    const viewers = await client.createPurchase(VIEWERS);
    await expect(client.startPurchase(viewers.id)).resolves.toEqual({ status: 'ok' });
    await expect(client.prolongPurchase(viewers.id, { count: 1 })).resolves.toEqual({ status: 'ok' });
    await expect(
      client.editTwitchViewers(viewers.id, { threads: 50, online_mode: 'smooth_floating' }),
    ).resolves.toEqual({
      status: 'ok',
    });

    const followers = await client.createPurchase({
      tarif: { id: 5, quantity: 100 },
      channel: 'twitch',
      interval: 60,
    });
    await expect(
      client.editTwitchFollowers(followers.id, { interval: 45, floating_interval: true }),
    ).resolves.toEqual({
      status: 'ok',
    });
    const chatbot = await client.createPurchase({
      tarif: { id: 3, quantity: 10, duration: 2 },
      channel: 'twitch',
    });
    await expect(client.editChatbot(chatbot.id, { mode: 1, phrases: ['hi', 'gg'] })).resolves.toEqual({
      status: 'ok',
    });
    const ai = await client.createPurchase({
      tarif: { id: 2, quantity: 50, duration: 1 },
      channel: 'twitch',
      lang: 'en',
    });
    await expect(client.editAiChatbots(ai.id, { count: 10, interval: 10 })).resolves.toEqual({
      status: 'ok',
    });

    const result = await client.bulkStop([viewers.id, 999_999]);
    expect(result).toEqual(expect.any(Object));
    const state = await control.state();
    expect(state.purchases.find((p) => p.id === viewers.id)?.status).toBe('stopped');
    expect(state.purchases.find((p) => p.id === viewers.id)?.charges).toHaveLength(2);
  });

  it('reads tariffs in both count shapes, both pricing types and both languages', async () => {
    const { client } = env;
    const graduated = await client.getTarif(2);
    expect(graduated).toMatchObject({
      id: 2,
      pricing_type: 'graduated',
      graduated_prices: expect.any(Object),
    });
    const customCount = await client.getTarif(4, { expand: ['panel'] });
    expect(customCount).toMatchObject({ count: { min: 10, max: 5000 }, graduated_prices: null });
    const [english, russian] = await Promise.all([
      client.getTarif(1),
      client.getTarif(1, { language: 'ru' }),
    ]);
    expect(english.title).not.toEqual(russian.title);
  });

  it('reports StreamSkill business errors as definite, with their fields', async () => {
    const { client, control } = env;
    await expect(client.getPurchase(999_999)).rejects.toMatchObject({ status: 404, outcome: 'definite' });

    const youtube = await client.createPurchase({ tarif: { id: 6, quantity: 1000 }, channel: 'dQw4w9WgXcQ' });
    await expect(client.startPurchase(youtube.id)).rejects.toMatchObject({
      status: 405,
      outcome: 'definite',
    });

    const done = await client.createPurchase(VIEWERS);
    await control.forceStatus(done.id, 'completed');
    await expect(client.prolongPurchase(done.id, { count: 1 })).rejects.toMatchObject({
      status: 409,
      outcome: 'definite',
    });

    const invalid = await client
      .createPurchase({ tarif: { id: 999 }, channel: 'twitch' })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(StreamSkillHttpError);
    expect(invalid).toMatchObject({
      status: 422,
      type: 'validate_exception',
      fieldErrors: { 'tarif.id': expect.any(Array) },
    });

    await control.setBalance('0.00');
    await expect(client.createPurchase(VIEWERS)).rejects.toMatchObject({
      status: 402,
      outcome: 'definite',
      type: 'insufficient_funds',
    });

    await expect(env.clientFor({ token: 'not-the-token' }).listPurchases()).rejects.toMatchObject({
      status: 401,
      outcome: 'definite',
      type: 'unauthorized_http_exception',
    });
  });

  it('reads rate-limit headers and reports an exhausted bucket as a definite 429', async () => {
    const { control } = env;
    const client = env.clientFor({});
    const seen: RateLimitSnapshot[] = [];
    client.onRateLimit((snapshot) => seen.push(snapshot));
    await control.setRateLimit({ burst: 2, perSecond: 0.01 });
    try {
      await client.getTarif(1);
      await client.getTarif(1);
      const error = await client.getTarif(1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamSkillRateLimitError);
      expect(error).toMatchObject({
        status: 429,
        outcome: 'definite',
        retryAfterSeconds: expect.any(Number),
      });
      expect(seen.map((s) => s.remaining)).toEqual([1, 0, 0]);
      expect(client.rateLimit).toMatchObject({ limit: 2, remaining: 0, status: 429 });
    } finally {
      await control.setRateLimit(false);
    }
  });

  it('probes the sandbox as reachable', async () => {
    await expect(env.client.probe()).resolves.toMatchObject({ reachable: true, status: expect.any(Number) });
  });
});
