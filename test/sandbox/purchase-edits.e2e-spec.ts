import { SandboxApi, type Envelope } from './support/sandbox-api';

describe('sandbox: edit actions', () => {
  let api: SandboxApi;
  let viewers: number;
  let aiBots: number;
  let chatbots: number;
  let followers: number;

  beforeAll(async () => {
    api = await SandboxApi.start({ statusStepMs: 600_000 });
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await api.control.reset();
    viewers = (await api.createPurchase({ tarif: { id: 1, quantity: 200 }, channel: 'v' })).id;
    aiBots = (await api.createPurchase({ tarif: { id: 2, quantity: 50 }, channel: 'a' })).id;
    chatbots = (await api.createPurchase({ tarif: { id: 3 }, channel: 'c' })).id;
    followers = (await api.createPurchase({ tarif: { id: 5 }, channel: 'f' })).id;
  });

  const edit = (id: number, action: string, body: unknown, request: 'valid' | 'invalid' = 'valid') =>
    api.post<Envelope>(`/purchases/${id}/${action}`, body, { request });
  const settingsOf = async (id: number) =>
    (await api.control.state()).purchases.find((p) => p.id === id)!.settings;
  const expect422 = async (
    id: number,
    action: string,
    body: unknown,
    field: string,
    request: 'valid' | 'invalid',
  ) => {
    const response = await edit(id, action, body, request);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ name: 'Bad Request', status: 422, type: 'validate_exception' });
    expect(Object.keys(response.body.errors ?? {})).toContain(field);
  };

  describe('edit-twitch-viewers', () => {
    const example = {
      channel: 'twitch',
      threads: 100,
      stream_views: 5,
      uniq_viewers: 3,
      raid: false,
      raid_time: 10,
      connect_time: 5,
      online_mode: 'manual',
      manual_chart: { '0': 20, '5': 100, '30': 80 },
      manual_chart_randomization: 15,
      manual_chart_end_action: 'repeat',
      manual_chart_end_param: 10,
      geo: 'auto',
      geo_percent: 50,
      chatlist: 30,
    };

    it('accepts the spec example, stores the settings and renames the channel', async () => {
      expect((await edit(viewers, 'edit-twitch-viewers', example)).body).toEqual({ status: 'ok' });
      expect(await settingsOf(viewers)).toEqual(example);
      expect((await api.get<{ channel: string }>(`/purchases/${viewers}`)).body.channel).toBe(
        'https://www.twitch.tv/twitch',
      );
      expect((await edit(viewers, 'edit-twitch-viewers', {})).status).toBe(422);
    });

    it.each([
      ['threads', { threads: 0 }],
      ['stream_views', { stream_views: 0 }],
      ['stream_views', { stream_views: 31 }],
      ['uniq_viewers', { uniq_viewers: 31 }],
      ['raid', { raid: 'yes' }],
      ['raid_time', { raid_time: 4 }],
      ['raid_time', { raid_time: 61 }],
      ['connect_time', { connect_time: 0 }],
      ['connect_time', { connect_time: 61 }],
      ['online_mode', { online_mode: 'floating' }],
      ['manual_chart_randomization', { manual_chart_randomization: 101 }],
    ])('422 on %s outside the schema: %j', async (field, body) => {
      await expect422(viewers, 'edit-twitch-viewers', body, field, 'invalid');
    });

    it.each([
      ['threads', { threads: 201 }],
      ['connect_time', { threads: 30, connect_time: 31 }],
      ['channel', { channel: '  ' }],
      ['manual_chart', { ...example, manual_chart: { '0': 20 } }],
      ['manual_chart', { ...example, manual_chart: { '1': 20, '30': 5 } }],
      ['manual_chart', { ...example, manual_chart: { '0': 20, '9': 5 } }],
      ['manual_chart', { ...example, manual_chart: { '0': 20, '181': 5 } }],
      [
        'manual_chart_end_param',
        {
          online_mode: 'manual',
          manual_chart: { '0': 1, '10': 2 },
          manual_chart_randomization: 1,
          manual_chart_end_action: 'repeat',
        },
      ],
    ])('422 on the order-dependent rule for %s: %j', async (field, body) => {
      await expect422(viewers, 'edit-twitch-viewers', body, field, 'valid');
    });

    it('requires the manual_chart fields while the order is in manual mode', async () => {
      await edit(viewers, 'edit-twitch-viewers', example);
      await expect422(viewers, 'edit-twitch-viewers', { threads: 50 }, 'manual_chart', 'valid');
      expect(
        (await edit(viewers, 'edit-twitch-viewers', { online_mode: 'smooth_only', threads: 50 })).status,
      ).toBe(200);
      expect((await edit(viewers, 'edit-twitch-viewers', { raid_time: 60 })).status).toBe(200);
    });
  });

  describe('edit-twitch-followers', () => {
    it('accepts the spec example', async () => {
      const body = { channel: 'new_channel', interval: 45, floating_interval: true };
      expect((await edit(followers, 'edit-twitch-followers', body)).status).toBe(200);
      expect(await settingsOf(followers)).toEqual(body);
    });

    it.each([
      ['interval', { interval: 0 }, 'invalid'],
      ['interval', { interval: 86401 }, 'invalid'],
      ['floating_interval', { floating_interval: 1 }, 'invalid'],
      ['channel', { channel: ' ' }, 'valid'],
      ['count', { count: 10 }, 'valid'],
    ] as const)('422 on %s: %j', async (field, body, request) => {
      await expect422(followers, 'edit-twitch-followers', body, field, request);
    });
  });

  describe('edit-chatbot', () => {
    it('accepts the spec example', async () => {
      expect(
        (await edit(chatbots, 'edit-chatbot', { interval: 10, mode: 1, phrases: ['test1', 'test2'] })).status,
      ).toBe(200);
    });

    it.each([
      ['interval', { interval: 0 }],
      ['mode', { mode: 2 }],
      ['phrases', { phrases: 'hello' }],
      ['phrases', { phrases: [1] }],
    ])('422 on %s: %j', async (field, body) => {
      await expect422(chatbots, 'edit-chatbot', body, field, 'invalid');
    });
  });

  describe('edit-ai-chatbots', () => {
    it('accepts the spec example', async () => {
      expect(
        (await edit(aiBots, 'edit-ai-chatbots', { language: 'auto', count: 50, interval: 10 })).status,
      ).toBe(200);
    });

    it.each([
      ['count', { count: 0 }, 'invalid'],
      ['interval', { interval: 0 }, 'invalid'],
      ['interval', { interval: 61 }, 'invalid'],
      ['count', { count: 51 }, 'valid'],
      ['language', { language: 'klingon' }, 'valid'],
      ['interval', { count: 10, interval: 5 }, 'valid'],
    ] as const)('422 on %s: %j', async (field, body, request) => {
      await expect422(aiBots, 'edit-ai-chatbots', body, field, request);
    });

    it('takes the interval minimum ceil(60 / count) from the current count', async () => {
      expect((await edit(aiBots, 'edit-ai-chatbots', { count: 10, interval: 6 })).status).toBe(200);
      await expect422(aiBots, 'edit-ai-chatbots', { interval: 5 }, 'interval', 'valid');
      expect((await edit(aiBots, 'edit-ai-chatbots', { count: 50, interval: 2 })).status).toBe(200);
    });
  });

  describe('availability', () => {
    it('405 when the edit does not fit the order type', async () => {
      for (const [id, action] of [
        [viewers, 'edit-chatbot'],
        [viewers, 'edit-ai-chatbots'],
        [aiBots, 'edit-twitch-viewers'],
        [chatbots, 'edit-twitch-followers'],
        [followers, 'edit-twitch-viewers'],
      ] as const) {
        const response = await edit(id, action, {});
        expect(response.status).toBe(405);
        expect(response.body).toMatchObject({ name: 'Method Not Allowed', code: 0, status: 405 });
      }
    });

    it('404 for unknown and foreign orders, 409 for completed ones, 405 for failed ones', async () => {
      const foreign = await api.control.seedPurchase({ tarif: 3, channel: 'x', foreign: true });
      expect((await edit(foreign.id, 'edit-chatbot', { mode: 0 })).status).toBe(404);
      expect((await edit(424242, 'edit-chatbot', { mode: 0 })).status).toBe(404);
      await api.control.forceStatus(chatbots, 'completed');
      expect((await edit(chatbots, 'edit-chatbot', { mode: 0 })).status).toBe(409);
      await api.control.forceStatus(chatbots, 'failed');
      expect((await edit(chatbots, 'edit-chatbot', { mode: 0 })).status).toBe(405);
    });

    it('checks the order before the body', async () => {
      await api.control.forceStatus(chatbots, 'completed');
      expect((await edit(chatbots, 'edit-chatbot', { mode: 7 }, 'invalid')).status).toBe(409);
    });
  });
});
