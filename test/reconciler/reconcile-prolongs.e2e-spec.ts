import {
  PROLONG_FAULT,
  ageProlong,
  auditOf,
  balanceOf,
  cartFor,
  expectLedgerConsistent,
  expireProlongDeadline,
  holdsOf,
  newCustomer,
  purchaseRow,
  reconcilerOf,
  statusSyncOf,
  uniqueChannel,
  type PurchasesWorld,
  type TestCustomer,
  startReconcilerWorld,
} from './support';

// Each suite boots gateways over a sandbox: slow when the machine is busy.
jest.setTimeout(120_000);

describe('reconciler: prolongs whose outcome is unknown', () => {
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

  /** A bought purchase (5.50) whose prolong by 2 days (11.00, held 12.10) got no answer. */
  async function ambiguousProlong(fault: { resetAfterRecord: true } | { resetBeforeRecord: true }) {
    const bought = await customer.call('POST', '/v1/purchases/create', { body: cartFor(uniqueChannel()) });
    expect(bought.status).toBe(200);
    const id = bought.body.id as number;
    await world.sandbox.setFaults({ ...PROLONG_FAULT, ...fault });
    const res = await customer.call('POST', `/v1/purchases/${id}/prolong`, { body: { count: 2 } });
    expect(res.status).toBe(202);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '94.50', held: '12.10' });
    return id;
  }

  it('charges the growth of upstream price when StreamSkill carried the prolong out', async () => {
    const id = await ambiguousProlong({ resetAfterRecord: true });
    await reconcilerOf(world).runOnce();
    expect((await holdsOf(world, id)).map((hold) => hold.state)).toEqual(['captured', 'open']);

    await ageProlong(world, id);
    await Promise.all([reconcilerOf(world).runOnce(), reconcilerOf(world).runOnce()]);
    await reconcilerOf(world).runOnce();
    const row = await purchaseRow(world, id);
    expect(row).toMatchObject({ prolongDeadline: null, prolongCount: null, billingState: 'charged' });
    expect(row.upstreamPrice?.toFixed(2)).toBe('15.00');
    expect(row.price?.toFixed(2)).toBe('16.50');
    expect((await holdsOf(world, id)).map((hold) => [hold.state, hold.capturedAmount?.toFixed(2)])).toEqual([
      ['captured', '5.50'],
      ['captured', '11.00'],
    ]);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '83.50', held: '0.00' });
    expect((await auditOf(world, id)).map((row) => row.action)).toContain(
      'purchase.reconcile.prolong_capture',
    );
    await expectLedgerConsistent(world, [customer.id]);

    // The purchase can be prolonged again.
    expect((await customer.call('POST', `/v1/purchases/${id}/prolong`, { body: { count: 1 } })).status).toBe(
      200,
    );
  });

  it('releases the hold after the deadline when the price did not grow', async () => {
    const id = await ambiguousProlong({ resetBeforeRecord: true });
    await ageProlong(world, id);
    await reconcilerOf(world).runOnce();
    expect((await holdsOf(world, id)).map((hold) => hold.state)).toEqual(['captured', 'open']);

    await expireProlongDeadline(world, id);
    await reconcilerOf(world).runOnce();
    const row = await purchaseRow(world, id);
    expect(row).toMatchObject({ prolongDeadline: null, prolongCount: null });
    expect(row.price?.toFixed(2)).toBe('5.50');
    expect((await holdsOf(world, id)).map((hold) => hold.state)).toEqual(['captured', 'released']);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '94.50', held: '0.00' });
    expect((await auditOf(world, id)).map((row) => row.action)).toContain(
      'purchase.reconcile.prolong_release',
    );
    await expectLedgerConsistent(world, [customer.id]);
  });

  it('releases the prolong hold of a purchase that failed and was refunded meanwhile', async () => {
    const id = await ambiguousProlong({ resetAfterRecord: true });
    await world.sandbox.forceStatus((await purchaseRow(world, id)).upstreamId as number, 'failed');
    await statusSyncOf(world).runOnce();
    expect(await balanceOf(world, customer.id)).toEqual({ total: '100.00', held: '12.10' });

    await ageProlong(world, id);
    await reconcilerOf(world).runOnce();
    expect((await holdsOf(world, id)).map((hold) => hold.state)).toEqual(['captured', 'released']);
    expect(await balanceOf(world, customer.id)).toEqual({ total: '100.00', held: '0.00' });
    await expectLedgerConsistent(world, [customer.id]);
  });
});
