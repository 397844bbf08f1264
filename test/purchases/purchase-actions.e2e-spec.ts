import {
  CART,
  expectCompatible,
  newCustomer,
  purchaseRow,
  startPurchasesWorld,
  type PurchasesWorld,
  type TestCustomer,
  BOOT_TIMEOUT_MS,
} from './support';

describe('StreamSkill-compatible purchase actions', () => {
  let world: PurchasesWorld;
  let alice: TestCustomer;
  let bob: TestCustomer;

  async function buy(customer: TestCustomer, body: unknown = CART): Promise<number> {
    const res = await customer.call('POST', '/v1/purchases/create', { body });
    expect(res.status).toBe(200);
    return res.body.id;
  }

  async function upstreamIdOf(id: number): Promise<number> {
    return (await purchaseRow(world, id)).upstreamId!;
  }

  beforeAll(async () => {
    world = await startPurchasesWorld();
    alice = await newCustomer(world);
    bob = await newCustomer(world);
  }, BOOT_TIMEOUT_MS);
  afterAll(() => world?.gw.close());

  it('starts a purchase and shows its new status at once', async () => {
    const id = await buy(alice);
    const res = await alice.call('POST', `/v1/purchases/${id}/start`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expectCompatible('POST', `/purchases/${id}/start`, res);
    expect((await alice.call('GET', `/v1/purchases/${id}`)).body.status).toBe('working');
  });

  it('passes upstream 405 and 409 on as they are', async () => {
    const views = await buy(alice, { tarif: { id: 6, quantity: 1000 }, channel: 'dQw4w9WgXcQ' });
    const notAllowed = await alice.call('POST', `/v1/purchases/${views}/start`);
    expect(notAllowed.status).toBe(405);
    expectCompatible('POST', `/purchases/${views}/start`, notAllowed);

    const done = await buy(alice);
    await world.sandbox.forceStatus(await upstreamIdOf(done), 'completed');
    const finished = await alice.call('POST', `/v1/purchases/${done}/start`);
    expect(finished.status).toBe(409);
    expectCompatible('POST', `/purchases/${done}/start`, finished);
    expect(finished.body).toMatchObject({
      type: 'purchase_done_exception',
      message: 'Order already completed.',
    });
  });

  it('answers 404 for another customer purchase on every action, without asking upstream', async () => {
    const bobs = await buy(bob);
    const before = (await world.sandbox.state()).counters.requests.total;
    const actions: [string, unknown][] = [
      ['start', undefined],
      ['prolong', { count: 1 }],
      ['edit-twitch-viewers', { threads: 10 }],
      ['edit-twitch-followers', { interval: 10 }],
      ['edit-chatbot', { interval: 10 }],
      ['edit-ai-chatbots', { count: 10 }],
    ];
    for (const [action, body] of actions) {
      const res = await alice.call('POST', `/v1/purchases/${bobs}/${action}`, { body });
      expect(res.status).toBe(404);
      expect(res.body.type).toBe('not_found_http_exception');
    }
    expect((await world.sandbox.state()).counters.requests.total).toBe(before);
  });

  it('edits twitch viewers: schema errors locally, order rules upstream', async () => {
    const id = await buy(alice);
    const ok = await alice.call('POST', `/v1/purchases/${id}/edit-twitch-viewers`, {
      body: { threads: 50, online_mode: 'smooth_floating', channel: 'renamed' },
    });
    expect(ok.status).toBe(200);
    expectCompatible('POST', `/purchases/${id}/edit-twitch-viewers`, ok);
    expect((await alice.call('GET', `/v1/purchases/${id}`)).body.channel).toContain('renamed');

    const local = await alice.call('POST', `/v1/purchases/${id}/edit-twitch-viewers`, {
      body: { threads: 0 },
    });
    expect(local.status).toBe(422);
    expect(local.body.errors.threads).toEqual(expect.any(Array));

    const upstream = await alice.call('POST', `/v1/purchases/${id}/edit-twitch-viewers`, {
      body: { threads: 500 },
    });
    expect(upstream.status).toBe(422);
    expect(upstream.body.errors.threads).toEqual(expect.any(Array));
    expectCompatible('POST', `/purchases/${id}/edit-twitch-viewers`, upstream);
  });

  it('edits followers, chatbots and AI chatbots on the tariffs that have them', async () => {
    const followers = await buy(alice, { tarif: { id: 5, quantity: 100 }, channel: 'f' });
    const chatbot = await buy(alice, { tarif: { id: 3, quantity: 10 }, channel: 'c' });
    const ai = await buy(alice, { tarif: { id: 2, quantity: 50 }, channel: 'a' });
    const cases: [number, string, unknown][] = [
      [followers, 'edit-twitch-followers', { interval: 45, floating_interval: true }],
      [chatbot, 'edit-chatbot', { interval: 10, mode: 1, phrases: ['hi'] }],
      [ai, 'edit-ai-chatbots', { language: 'en', count: 10, interval: 10 }],
    ];
    for (const [id, action, body] of cases) {
      const res = await alice.call('POST', `/v1/purchases/${id}/${action}`, { body });
      expect(res.status).toBe(200);
      expectCompatible('POST', `/purchases/${id}/${action}`, res);
    }
    const wrongTariff = await alice.call('POST', `/v1/purchases/${chatbot}/edit-ai-chatbots`, {
      body: { count: 1 },
    });
    expect(wrongTariff.status).toBe(405);
    const count = await alice.call('POST', `/v1/purchases/${followers}/edit-twitch-followers`, {
      body: { count: 5 },
    });
    expect(count.status).toBe(422);
    const mode = await alice.call('POST', `/v1/purchases/${chatbot}/edit-chatbot`, { body: { mode: 2 } });
    expect(mode.status).toBe(422);
    const language = await alice.call('POST', `/v1/purchases/${ai}/edit-ai-chatbots`, {
      body: { language: 'xx' },
    });
    expect(language.status).toBe(422);
  });

  it('stops purchases in bulk, reporting foreign, unknown and unconfirmed ids', async () => {
    const first = await buy(alice);
    const second = await buy(alice);
    const bobs = await buy(bob);
    await world.sandbox.setFaults({
      method: 'POST',
      path: '/v1/purchases/create',
      times: 1,
      errorRate: { '500': 1 },
    });
    const pending = (await alice.call('POST', '/v1/purchases/create', { body: CART })).body.id;

    const res = await alice.call('POST', '/v1/purchases/bulk-stop', {
      body: { ids: [second, bobs, first, pending, 999999, first] },
    });
    expect(res.status).toBe(200);
    expectCompatible('POST', '/purchases/bulk-stop', res);
    expect(res.body).toEqual({
      stopped_ids: [second, first],
      failed: [{ id: pending, status: 409, message: expect.stringContaining('still being confirmed') }],
      missing_ids: [bobs, 999999],
    });
    expect((await alice.call('GET', `/v1/purchases/${first}`)).body.status).toBe('stopped');
    expect((await bob.call('GET', `/v1/purchases/${bobs}`)).body.status).not.toBe('stopped');
  });

  it('reports upstream failures of bulk-stop with the gateway ids', async () => {
    const done = await buy(alice);
    await world.sandbox.forceStatus(await upstreamIdOf(done), 'completed');
    const res = await alice.call('POST', '/v1/purchases/bulk-stop', { body: { ids: [done] } });
    expect(res.body).toEqual({
      stopped_ids: [],
      failed: [{ id: done, status: 409, message: expect.any(String) }],
      missing_ids: [],
    });
  });

  it.each([
    ['no ids', {}],
    ['an empty list', { ids: [] }],
    ['101 ids', { ids: Array.from({ length: 101 }, (_, i) => i + 1) }],
    ['a string id', { ids: ['1'] }],
    ['an unknown field', { ids: [1], force: true }],
  ])('refuses bulk-stop with %s', async (_name, body) => {
    const res = await alice.call('POST', '/v1/purchases/bulk-stop', { body });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('validate_exception');
  });

  it('needs the purchases:write scope', async () => {
    const issued = await world.gw.call('POST', `/v1/admin/customers/${alice.id}/keys`, {
      key: world.gw.adminKey,
      body: { name: 'read only', scopes: ['purchases:read'] },
    });
    const res = await world.gw.call('POST', '/v1/purchases/create', { key: issued.body.key, body: CART });
    expect(res.status).toBe(403);
  });
});
