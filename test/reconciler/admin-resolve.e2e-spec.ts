import {
  ageCreate,
  auditOf,
  balanceOf,
  expectLedgerConsistent,
  holdsOf,
  newCustomer,
  pendingPurchase,
  purchaseRow,
  reconcilerOf,
  startReconcilerWorld,
  type PurchasesWorld,
  type TestCustomer,
} from './support';

// Each suite boots gateways over a sandbox: slow when the machine is busy.
jest.setTimeout(120_000);

describe('needs_review purchases and POST /v1/admin/purchases/{id}/resolve', () => {
  let world: PurchasesWorld;
  let customer: TestCustomer;

  beforeAll(async () => {
    world = await startReconcilerWorld();
  });
  afterAll(() => world.gw.close());
  beforeEach(async () => {
    await world.sandbox.clearFaults();
    customer = await newCustomer(world, { balance: '100.00', markupPercent: '10.00' });
  });

  const admin = (method: string, path: string, body?: unknown) =>
    world.gw.call(method, path, { key: world.gw.adminKey, body });
  const resolve = (id: number, body: unknown) => admin('POST', `/v1/admin/purchases/${id}/resolve`, body);

  /** A pending purchase that two upstream purchases could be: the reconciler hands it to an admin. */
  async function purchaseInReview(): Promise<{ id: number; candidates: number[] }> {
    const id = await pendingPurchase(world, customer, { resetBeforeRecord: true });
    const channel = ((await purchaseRow(world, id)).cart as { channel: string }).channel;
    const first = await world.sandbox.seedPurchase({ tarif: 1, channel, price: '4.00' });
    const second = await world.sandbox.seedPurchase({ tarif: 1, channel, price: '6.00' });
    await ageCreate(world, id);
    await reconcilerOf(world).runOnce();
    return { id, candidates: [first.id, second.id] };
  }

  it('sends a purchase with several candidates to review, keeping the hold, and shows it to admins', async () => {
    const { id, candidates } = await purchaseInReview();
    const row = await purchaseRow(world, id);
    expect(row.billingState).toBe('needs_review');
    expect(row.lastError).toMatchObject({
      reconciler: { reason: 'several_candidates', candidateUpstreamIds: expect.arrayContaining(candidates) },
    });
    expect(await balanceOf(world, customer.id)).toEqual({ total: '100.00', held: '6.05' });
    expect((await customer.call('GET', `/v1/purchases/${id}`)).body.status).toBe('awaiting');

    const list = await admin(
      'GET',
      `/v1/admin/purchases?customerId=${customer.id}&billingState=needs_review`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id,
        customerId: customer.id,
        billingState: 'needs_review',
        upstreamId: null,
        quotedPrice: '5.50',
        openHolds: [expect.objectContaining({ purpose: 'create', amount: '6.05' })],
      }),
    ]);
    expect((await auditOf(world, id)).map((entry) => entry.action)).toContain(
      'purchase.reconcile.needs_review',
    );

    // Reconciling again changes nothing: the admin decides.
    await reconcilerOf(world).runOnce();
    expect((await purchaseRow(world, id)).billingState).toBe('needs_review');
  });

  it('links the candidate an admin picks and charges its price exactly once', async () => {
    const { id, candidates } = await purchaseInReview();
    const res = await resolve(id, { action: 'link', upstreamId: candidates[1] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      billingState: 'charged',
      upstreamId: candidates[1],
      upstreamPrice: '6.00',
      price: '6.60',
      openHolds: [],
    });
    expect(await balanceOf(world, customer.id)).toEqual({ total: '93.40', held: '0.00' });

    const again = await resolve(id, { action: 'link', upstreamId: candidates[1] });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('conflict');
    expect((await resolve(id, { action: 'release' })).status).toBe(409);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '93.40', held: '0.00' });

    const resolved = (await auditOf(world, id)).filter((entry) => entry.action === 'purchase.resolve');
    expect(resolved[0]).toMatchObject({
      actorType: 'admin',
      customerId: customer.id,
      outcome: 'success',
      details: { action: 'link', upstreamId: candidates[1] },
    });
    await expectLedgerConsistent(world, [customer.id]);
  });

  it('releases the hold when the admin says nothing was bought, exactly once', async () => {
    const { id } = await purchaseInReview();
    const res = await resolve(id, { action: 'release' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ billingState: 'released', openHolds: [] });
    expect((await resolve(id, { action: 'release' })).status).toBe(409);
    expect((await holdsOf(world, id)).map((hold) => hold.state)).toEqual(['released']);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '100.00', held: '0.00' });
    await expectLedgerConsistent(world, [customer.id]);
  });

  it('resolves a stuck pending purchase, but not one whose create may still be answering', async () => {
    const id = await pendingPurchase(world, customer, { resetBeforeRecord: true });
    const early = await resolve(id, { action: 'release' });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/may still arrive/);
    await ageCreate(world, id);
    expect((await resolve(id, { action: 'release' })).status).toBe(200);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '100.00', held: '0.00' });
  });

  it('refuses bad resolutions with field errors, and purchases that are not awaiting one with 409', async () => {
    const { id, candidates } = await purchaseInReview();
    const otherTariff = await world.sandbox.seedPurchase({ tarif: 3, channel: 'x' });
    const cases: [unknown, string][] = [
      [{ action: 'capture' }, 'action'],
      [{ action: 'link' }, 'upstreamId'],
      [{ action: 'link', upstreamId: '7' }, 'upstreamId'],
      [{ action: 'link', upstreamId: 0 }, 'upstreamId'],
      [{ action: 'release', upstreamId: candidates[0] }, 'upstreamId'],
      [{ action: 'link', upstreamId: otherTariff.id }, 'upstreamId'],
      [{ action: 'link', upstreamId: 999_999 }, 'upstreamId'],
      [{ action: 'release', extra: true }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await resolve(id, body);
      expect({ body, status: res.status, type: res.body.type }).toEqual({
        body,
        status: 422,
        type: 'validate_exception',
      });
      expect(Object.keys(res.body.errors)).toContain(field);
    }
    expect((await purchaseRow(world, id)).billingState).toBe('needs_review');

    // An upstream purchase that already belongs to another gateway purchase cannot be linked again.
    const bought = await customer.call('POST', '/v1/purchases/create', {
      body: { tarif: { id: 1, quantity: 100 }, channel: 'elsewhere' },
    });
    const taken = (await purchaseRow(world, bought.body.id)).upstreamId;
    const dup = await resolve(id, { action: 'link', upstreamId: taken });
    expect(dup.status).toBe(422);
    expect(dup.body.errors.upstreamId[0]).toMatch(/already belongs to purchase/);

    const charged = await resolve(bought.body.id, { action: 'release' });
    expect(charged.status).toBe(409);
    expect((await resolve(2_000_000_000, { action: 'release' })).status).toBe(404);
    expect((await resolve(Number.NaN, { action: 'release' })).status).toBe(404);
    const asCustomer = await customer.call('POST', `/v1/admin/purchases/${id}/resolve`, {
      body: { action: 'release' },
    });
    expect(asCustomer.status).toBe(403);
    await expectLedgerConsistent(world, [customer.id]);
  });
});
