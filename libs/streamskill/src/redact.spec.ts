import { inspect } from 'node:util';
import { captureLogs } from './testing/captured-logs';
import { ScriptedUpstream, unusedPort } from './testing/scripted-upstream';
import { StreamSkillClient } from './streamskill.client';
import type { StreamSkillError } from './streamskill.errors';

const TOKEN = 'sk_live_TOPSECRET_0123456789abcdef';
const CART = { tarif: { id: 1 }, channel: 'twitch' };

/** Every failure kind the client can produce, each against the same token. */
describe('the master token never leaks', () => {
  let upstream: ScriptedUpstream;
  let client: StreamSkillClient;
  let logs: ReturnType<typeof captureLogs>;

  beforeAll(async () => {
    logs = captureLogs();
    upstream = await ScriptedUpstream.start();
    client = new StreamSkillClient({ baseUrl: upstream.baseUrl, token: TOKEN, writeTimeoutMs: 100 });
  });
  afterAll(async () => {
    logs.restore();
    client.close();
    await upstream.close();
  });

  const failures: [string, () => Promise<unknown>][] = [
    [
      '401 echoing the token',
      async () => {
        upstream.reply(401, {
          message: `Token ${TOKEN} is invalid`,
          type: `bad ${TOKEN}`,
          name: TOKEN,
          status: 401,
        });
        return client.createPurchase(CART);
      },
    ],
    [
      '422 echoing the token in field errors',
      async () => {
        upstream.reply(422, {
          errors: { [TOKEN]: [`value ${TOKEN}`] },
          status: 422,
          type: 'validate_exception',
        });
        return client.createPurchase(CART);
      },
    ],
    ['429', async () => (upstream.reply(429, {}, { 'Retry-After': '1' }), client.createPurchase(CART))],
    ['500', async () => (upstream.replyRaw(500, `boom ${TOKEN}`), client.createPurchase(CART))],
    [
      'malformed 200',
      async () => (upstream.replyRaw(200, `{"oops": "${TOKEN}"`), client.createPurchase(CART)),
    ],
    ['timeout', async () => (upstream.hang(), client.createPurchase(CART))],
    ['reset', async () => (upstream.resetConnection(), client.createPurchase(CART))],
    ['abort', async () => client.createPurchase(CART, { signal: AbortSignal.abort() })],
    ['invalid request', async () => client.getPurchasesBulk([])],
    [
      'refused',
      async () => {
        const nowhere = new StreamSkillClient({
          baseUrl: `http://127.0.0.1:${await unusedPort()}/v1`,
          token: TOKEN,
        });
        try {
          return await nowhere.createPurchase(CART);
        } finally {
          nowhere.close();
        }
      },
    ],
  ];

  it.each(failures)('not in a %s error: message, properties, JSON, inspect, stack', async (_label, fail) => {
    const error = (await fail().then(
      () => Promise.reject(new Error('expected a failure')),
      (e: unknown) => e,
    )) as StreamSkillError;
    expect(error.name).toMatch(/^StreamSkill/);
    const renderings = [
      error.message,
      String(error.stack),
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true, getters: true }),
      JSON.stringify(Object.getOwnPropertyDescriptors(error)),
    ];
    for (const text of renderings) expect(text).not.toContain(TOKEN);
    expect(error).not.toHaveProperty('config');
    expect(error).not.toHaveProperty('request');
    expect(error).not.toHaveProperty('cause');
  });

  it('not in the log lines', () => {
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.lines.join('\n')).not.toContain(TOKEN);
  });

  it('not in the inspected client', () => {
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.stringify(Object.keys(client))).not.toContain(TOKEN);
  });

  it('redacts echoes of the token from upstream text', async () => {
    upstream.reply(401, { message: `Token ${TOKEN} is invalid`, status: 401 });
    await expect(client.listPurchases()).rejects.toMatchObject({ message: 'Token [REDACTED] is invalid' });
  });
});
