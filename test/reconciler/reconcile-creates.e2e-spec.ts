import {
  ageCreate,
  auditOf,
  balanceOf,
  expectLedgerConsistent,
  expireSettleDeadline,
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

describe('reconciler: settling purchases whose create had no answer', () => {
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

  it('links the purchase StreamSkill recorded before the connection reset and charges the customer exactly once', async () => {
    const id = await pendingPurchase(world, customer, { resetAfterRecord: true });
    expect(await purchaseRow(world, id)).toMatchObject({ billingState: 'pending', upstreamId: null });
    const [recorded] = (await world.sandbox.state()).purchases;

    // While its create call may still be answering, the purchase is left to the create flow.
    await reconcilerOf(world).runOnce();
    expect((await purchaseRow(world, id)).billingState).toBe('pending');

    await ageCreate(world, id);
    const run = await reconcilerOf(world).runOnce();
    expect(run).toMatchObject({ ran: true, result: expect.objectContaining({ linked: expect.any(Number) }) });
    const row = await purchaseRow(world, id);
    expect(row).toMatchObject({ billingState: 'charged', upstreamId: recorded.id });
    expect(['created', 'working']).toContain(row.status); // the sandbox starts it after a few seconds
    expect(row.price?.toFixed(2)).toBe('5.50');
    expect(row.upstreamPrice?.toFixed(2)).toBe('5.00');
    expect(row.channel).toBe(recorded.channel);
    expect((await holdsOf(world, id)).map((hold) => [hold.state, hold.capturedAmount?.toFixed(2)])).toEqual([
      ['captured', '5.50'],
    ]);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '94.50', held: '0.00' });

    // Again: nothing left to settle, nothing charged twice.
    await reconcilerOf(world).runOnce();
    expect(await balanceOf(world, customer.id)).toEqual({ total: '94.50', held: '0.00' });
    const read = await customer.call('GET', `/v1/purchases/${id}`);
    expect(read.body).toMatchObject({ id, price: 5.5, status: row.status });

    const audit = await auditOf(world, id);
    expect(audit.filter((row) => row.action === 'purchase.reconcile.link')).toEqual([
      expect.objectContaining({
        actorType: 'job',
        actorId: 'reconciler',
        customerId: customer.id,
        outcome: 'success',
        details: expect.objectContaining({ upstreamId: recorded.id, captured: '5.50', released: '0.55' }),
      }),
    ]);
    await expectLedgerConsistent(world, [customer.id]);
  });

  it('releases the hold once the deadline passes when StreamSkill recorded nothing', async () => {
    const id = await pendingPurchase(world, customer, { resetBeforeRecord: true });
    await ageCreate(world, id);

    await reconcilerOf(world).runOnce();
    expect((await purchaseRow(world, id)).billingState).toBe('pending');
    expect(await balanceOf(world, customer.id)).toEqual({ total: '100.00', held: '6.05' });

    await expireSettleDeadline(world, id);
    await reconcilerOf(world).runOnce();
    await reconcilerOf(world).runOnce();
    expect(await purchaseRow(world, id)).toMatchObject({ billingState: 'released', upstreamId: null });
    expect((await holdsOf(world, id)).map((hold) => hold.state)).toEqual(['released']);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '100.00', held: '0.00' });
    expect((await customer.call('GET', `/v1/purchases/${id}`)).body).toMatchObject({
      status: 'failed',
      price: 0,
    });
    expect((await auditOf(world, id)).map((row) => row.action)).toContain('purchase.reconcile.release');
    await expectLedgerConsistent(world, [customer.id]);
  });

  it('links the upstream purchase whose creation time and channel match, not an older or another one', async () => {
    const id = await pendingPurchase(world, customer, { resetBeforeRecord: true });
    const row = await purchaseRow(world, id);
    const channel = (row.cart as { channel: string }).channel;
    const old = await world.sandbox.seedPurchase({
      tarif: 1,
      channel,
      created_at: Math.floor(row.createdAt.getTime() / 1000) - 3600,
    });
    await world.sandbox.seedPurchase({ tarif: 1, channel: `${channel}x` });
    await world.sandbox.seedPurchase({ tarif: 3, channel });
    await world.sandbox.seedPurchase({ tarif: 1, channel, api: false });
    const match = await world.sandbox.seedPurchase({ tarif: 1, channel: channel.toUpperCase() });
    await ageCreate(world, id, 20);

    await reconcilerOf(world).runOnce();
    expect(await purchaseRow(world, id)).toMatchObject({ billingState: 'charged', upstreamId: match.id });
    expect(match.id).not.toBe(old.id);
    await expectLedgerConsistent(world, [customer.id]);
  });
});
