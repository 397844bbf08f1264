import { randomUUID } from 'node:crypto';
import type { GatewayHarness } from '../support/gateway-harness';
import { HoldAlreadySettledError } from '../../apps/gateway/src/ledger/hold-book';
import { createCustomer, ledgerOf, money, settle, startLedgerGateway } from './support';

const KEY = { type: 'key' as const, id: 'test-key' };
const JOB = { type: 'job' as const, id: 'reconciler' };

describe('ledger under concurrency (LedgerService, one transaction per call)', () => {
  let gw: GatewayHarness;
  let l: ReturnType<typeof ledgerOf>;

  beforeAll(async () => {
    gw = await startLedgerGateway();
    l = ledgerOf(gw);
  });
  afterAll(async () => {
    await l.close();
    await gw.close();
  });

  const hold = (customerId: string, amount: string, purchaseId?: number) =>
    l.inTx((tx) =>
      l.ledger.placeHold(tx, {
        customerId,
        amount: money(amount),
        purchaseId,
        purpose: 'create',
        actor: KEY,
      }),
    );
  const capture = (holdId: bigint, amount: string) =>
    l.inTx((tx) => l.ledger.captureHold(tx, { holdId, amount: money(amount), actor: JOB }));
  const release = (holdId: bigint) =>
    l.inTx((tx) => l.ledger.releaseHold(tx, { holdId, actor: JOB, reason: 'upstream rejected' }));
  const refund = (customerId: string, purchaseId: number, amount: string) =>
    l.inTx((tx) =>
      l.ledger.refund(tx, { customerId, purchaseId, amount: money(amount), actor: JOB, reason: 'refunded' }),
    );
  const balance = async (customerId: string) => {
    const b = await l.ledger.balanceOf(customerId);
    return { total: b.total.toFixed(2), held: b.held.toFixed(2), available: b.available.toFixed(2) };
  };
  const expectInvariants = async (customerId: string) =>
    expect((await l.invariants([customerId])).violations).toEqual([]);

  it('lets exactly 37 of 100 concurrent holds through when the balance covers 37', async () => {
    const customerId = await createCustomer(gw, '10.00');
    await l.credit(customerId, '101.00'); // available + credit limit = 111.00 = 37 x 3.00

    const { values, errors } = await settle(Array.from({ length: 100 }, () => hold(customerId, '3.00')));

    expect(values).toHaveLength(37);
    expect(new Set(values.map((v) => v.holdId)).size).toBe(37);
    expect(errors).toHaveLength(63);
    for (const error of errors) expect(error).toMatchObject({ status: 402, type: 'insufficient_funds' });
    expect(await balance(customerId)).toEqual({ total: '101.00', held: '111.00', available: '-10.00' });
    const entries = await l.prisma.ledgerEntry.findMany({ where: { customerId } });
    expect(entries).toHaveLength(38);
    for (const entry of entries) expect(entry.totalAfter.minus(entry.heldAfter).gte(-10)).toBe(true);
    await expectInvariants(customerId);
  });

  it('settles each hold exactly once when captures and releases race, beside credits and debits', async () => {
    const customerId = await createCustomer(gw, '20.00');
    await l.credit(customerId, '500.00');
    const holds: bigint[] = [];
    for (let i = 0; i < 24; i++) holds.push((await hold(customerId, '10.00', 1000 + i)).holdId);

    // Two settlements of every hold at once: capture for less / for more / in full, or release.
    const raced = holds.map((holdId, i) => {
      const settlements = [
        () => capture(holdId, '7.50'),
        () => capture(holdId, '12.00'),
        () => capture(holdId, '10.00'),
        () => release(holdId),
      ];
      return [settlements[i % 4](), settlements[(i + 1) % 4]()];
    });
    const sideTraffic = Array.from({ length: 10 }, (_, i) =>
      i % 2 === 0
        ? l.credit(customerId, '5.00')
        : l.inTx((tx) =>
            l.ledger.debit(tx, {
              customerId,
              amount: money('3.00'),
              actor: KEY,
              reason: 'fee',
            }),
          ),
    );
    const outcomes = await Promise.all(raced.map((pair) => settle<unknown>(pair)));
    await Promise.all(sideTraffic);

    for (const { values, errors } of outcomes) {
      expect(values).toHaveLength(1);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(HoldAlreadySettledError);
    }
    const states = await l.prisma.hold.findMany({ where: { customerId } });
    expect(states.every((h) => h.state !== 'open')).toBe(true);
    expect((await balance(customerId)).held).toBe('0.00');
    await expectInvariants(customerId);
  });

  it('refunds a purchase at most what it was charged, even with refunds racing', async () => {
    const customerId = await createCustomer(gw);
    await l.credit(customerId, '100.00');
    const purchases = [2001, 2002, 2003, 2004, 2005];
    for (const purchaseId of purchases) {
      const { holdId } = await hold(customerId, '10.00', purchaseId);
      await capture(holdId, '8.00');
    }

    const { values, errors } = await settle(
      purchases.flatMap((purchaseId) => [1, 2, 3].map(() => refund(customerId, purchaseId, '8.00'))),
    );

    expect(values).toHaveLength(5);
    expect(errors).toHaveLength(10);
    for (const error of errors) expect(error).toMatchObject({ status: 409, type: 'refund_exceeds_charge' });
    expect(await balance(customerId)).toEqual({ total: '100.00', held: '0.00', available: '100.00' });
    await expect(refund(customerId, 2001, '0.01')).rejects.toMatchObject({ type: 'refund_exceeds_charge' });
    await expectInvariants(customerId);
  });

  it('captures once: a second capture or a release afterwards is refused and changes nothing', async () => {
    const customerId = await createCustomer(gw);
    await l.credit(customerId, '50.00');
    const { holdId } = await hold(customerId, '20.00');

    const first = await capture(holdId, '15.00');
    expect({ captured: first.captured.toFixed(2), released: first.released.toFixed(2) }).toEqual({
      captured: '15.00',
      released: '5.00',
    });
    await expect(capture(holdId, '15.00')).rejects.toMatchObject({ state: 'captured', status: 409 });
    await expect(release(holdId)).rejects.toBeInstanceOf(HoldAlreadySettledError);

    const entries = await l.prisma.ledgerEntry.findMany({ where: { holdId }, orderBy: { id: 'asc' } });
    expect(entries.map((e) => e.type)).toEqual(['hold', 'capture']);
    expect(await balance(customerId)).toEqual({ total: '35.00', held: '0.00', available: '35.00' });
    await expectInvariants(customerId);
  });

  it('releases once', async () => {
    const customerId = await createCustomer(gw);
    await l.credit(customerId, '5.00');
    const { holdId } = await hold(customerId, '5.00');
    await release(holdId);
    await expect(release(holdId)).rejects.toMatchObject({ state: 'released' });
    await expect(capture(holdId, '5.00')).rejects.toBeInstanceOf(HoldAlreadySettledError);
    expect(await balance(customerId)).toEqual({ total: '5.00', held: '0.00', available: '5.00' });
    await expectInvariants(customerId);
  });

  it('charges a capture above its hold only down to -creditLimit and reports the rest', async () => {
    const customerId = await createCustomer(gw, '5.00');
    await l.credit(customerId, '10.00');
    const { holdId } = await hold(customerId, '10.00');

    const split = await capture(holdId, '17.50');

    expect(split.captured.toFixed(2)).toBe('15.00');
    expect(split.shortfall.toFixed(2)).toBe('2.50');
    expect(await balance(customerId)).toEqual({ total: '-5.00', held: '0.00', available: '-5.00' });
    await expectInvariants(customerId);
  });

  it("moves no money when the caller's transaction fails afterwards", async () => {
    const customerId = await createCustomer(gw);
    await l.credit(customerId, '10.00');
    await expect(
      l.inTx(async (tx) => {
        await l.ledger.placeHold(tx, { customerId, amount: money('4.00'), purpose: 'create', actor: KEY });
        throw new Error('the purchase insert failed');
      }),
    ).rejects.toThrow('the purchase insert failed');
    expect(await balance(customerId)).toEqual({ total: '10.00', held: '0.00', available: '10.00' });
    expect(await l.prisma.hold.count({ where: { customerId } })).toBe(0);
  });

  it('answers 404 for an unknown customer or hold', async () => {
    await expect(hold(randomUUID(), '1.00')).rejects.toMatchObject({ status: 404 });
    await expect(hold('not-a-uuid', '1.00')).rejects.toMatchObject({ status: 404 });
    await expect(release(987654321n)).rejects.toMatchObject({ status: 404 });
    await expect(l.ledger.balanceOf(randomUUID())).rejects.toMatchObject({ status: 404 });
  });

  it('reports a customer who never had a movement as a zero balance', async () => {
    const customerId = await createCustomer(gw, '3.00');
    const b = await l.ledger.balanceOf(customerId);
    expect([b.total, b.held, b.available, b.creditLimit].map((v) => v.toFixed(2))).toEqual([
      '0.00',
      '0.00',
      '0.00',
      '3.00',
    ]);
  });
});
