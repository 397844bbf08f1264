import { Logger } from 'nestjs-pino';
import { StatusSyncPass } from '../../apps/gateway/src/status-sync/status-sync-pass';
import { StatusSync } from '../../apps/gateway/src/status-sync/status-sync.job';
import { startGateway } from '../support/gateway-harness';
import {
  auditOf,
  balanceOf,
  cartFor,
  expectLedgerConsistent,
  newCustomer,
  purchaseRow,
  startReconcilerWorld,
  statusSyncOf,
  uniqueChannel,
  type PurchasesWorld,
  type TestCustomer,
} from './support';

// Each suite boots gateways over a sandbox: slow when the machine is busy.
jest.setTimeout(120_000);

const BULK = 'GET /v1/purchases/bulk';

describe('status sync: purchases refreshed from GET /purchases/bulk', () => {
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

  async function buy(): Promise<{ id: number; upstreamId: number }> {
    const res = await customer.call('POST', '/v1/purchases/create', { body: cartFor(uniqueChannel()) });
    expect(res.status).toBe(200);
    return { id: res.body.id, upstreamId: (await purchaseRow(world, res.body.id)).upstreamId as number };
  }

  it('stores the status StreamSkill reports', async () => {
    const { id, upstreamId } = await buy();
    // Statuses the sandbox keeps until told otherwise: its timers would move created and working on.
    await world.sandbox.forceStatus(upstreamId, 'stopped');
    expect((await statusSyncOf(world).runOnce()).ran).toBe(true);
    expect((await purchaseRow(world, id)).status).toBe('stopped');
    expect((await customer.call('GET', `/v1/purchases/${id}`)).body.status).toBe('stopped');

    await world.sandbox.forceStatus(upstreamId, 'completed');
    await statusSyncOf(world).runOnce();
    expect((await purchaseRow(world, id)).status).toBe('completed');
    expect(await balanceOf(world, customer.id)).toEqual({ total: '94.50', held: '0.00' });
    await expectLedgerConsistent(world, [customer.id]);
  });

  it.each(['failed', 'refunded'] as const)(
    'refunds a purchase that turns %s once, however often the sync runs',
    async (status) => {
      const { id, upstreamId } = await buy();
      const prolong = await customer.call('POST', `/v1/purchases/${id}/prolong`, { body: { count: 1 } });
      expect(prolong.status).toBe(200);
      expect(await balanceOf(world, customer.id)).toEqual({ total: '89.00', held: '0.00' });

      await world.sandbox.forceStatus(upstreamId, status);
      const pass = world.gw.app.get(StatusSyncPass);
      await Promise.all([pass.run(), pass.run(), statusSyncOf(world).runOnce()]);
      await statusSyncOf(world).runOnce();

      expect(await purchaseRow(world, id)).toMatchObject({ billingState: 'refunded', status });
      expect(await balanceOf(world, customer.id)).toEqual({ total: '100.00', held: '0.00' });
      const refunds = await world.prisma.ledgerEntry.findMany({ where: { purchaseId: id, type: 'refund' } });
      expect(refunds.map((entry) => entry.amount.toFixed(2))).toEqual(['11.00']);
      expect(
        (await auditOf(world, id)).filter((row) => row.action === 'purchase.status_sync.refund'),
      ).toEqual([
        expect.objectContaining({
          actorType: 'job',
          actorId: 'status-sync',
          customerId: customer.id,
          details: expect.objectContaining({ status, refunded: '11.00' }),
        }),
      ]);
      await expectLedgerConsistent(world, [customer.id]);
    },
  );

  it('refunds once when two gateway instances sync at the same time', async () => {
    const { id, upstreamId } = await buy();
    await world.sandbox.forceStatus(upstreamId, 'failed');
    const second = await startGateway({
      databaseUrl: world.gw.databaseUrl,
      sandbox: world.gw.sandbox,
      env: { ...world.gw.env, LOG_LEVEL: 'warn' },
    });
    try {
      await Promise.all([second.app.get(StatusSyncPass).run(), world.gw.app.get(StatusSyncPass).run()]);
      await Promise.all([second.app.get(StatusSync).runOnce(), statusSyncOf(world).runOnce()]);
    } finally {
      await second.close();
      // Nest's static Logger writes to the application that set it last: back to this suite's gateway.
      world.gw.app.useLogger(world.gw.app.get(Logger));
    }
    expect((await purchaseRow(world, id)).billingState).toBe('refunded');
    expect(await balanceOf(world, customer.id)).toEqual({ total: '100.00', held: '0.00' });
    await expectLedgerConsistent(world, [customer.id]);
  });

  it('keeps purchases StreamSkill reports missing, and leaves deleted ones charged', async () => {
    const missing = await buy();
    const foreign = await world.sandbox.seedPurchase({ tarif: 1, channel: 'someone', foreign: true });
    await world.prisma.purchase.update({ where: { id: missing.id }, data: { upstreamId: foreign.id } });
    const deleted = await buy();
    await world.sandbox.forceStatus(deleted.upstreamId, 'deleted');

    await statusSyncOf(world).runOnce();
    expect(await purchaseRow(world, missing.id)).toMatchObject({
      billingState: 'charged',
      status: 'created',
    });
    expect(await purchaseRow(world, deleted.id)).toMatchObject({
      billingState: 'charged',
      status: 'deleted',
    });
    expect(world.gw.logs.some((line) => line.includes('StreamSkill does not know these purchases'))).toBe(
      true,
    );
    expect(await balanceOf(world, customer.id)).toEqual({ total: '89.00', held: '0.00' });
    await expectLedgerConsistent(world, [customer.id]);
  });

  it('asks for at most 100 purchases per call', async () => {
    const seeded = [];
    for (let i = 0; i < 150; i++)
      seeded.push(await world.sandbox.seedPurchase({ tarif: 1, channel: `bulk${i}` }));
    await world.prisma.purchase.createMany({
      data: seeded.map((upstream) => ({
        customerId: customer.id,
        upstreamId: upstream.id,
        tarifId: 1,
        cart: cartFor(upstream.channel),
        billingState: 'charged' as const,
        status: 'created',
        quotedPrice: '5.50',
        price: '0.00',
        upstreamPrice: upstream.price,
        currency: 'usd',
        markupPercent: '10.00',
        channel: upstream.channel,
      })),
    });
    for (const upstream of seeded.slice(0, 120)) await world.sandbox.forceStatus(upstream.id, 'stopped');

    const unfinished = await world.prisma.purchase.count({
      where: {
        upstreamId: { not: null },
        OR: [{ status: null }, { status: { notIn: ['completed', 'failed', 'deleted', 'refunded'] } }],
      },
    });
    const before = (await world.sandbox.state()).counters.requests.byEndpoint[BULK] ?? 0;
    await statusSyncOf(world).runOnce();
    const calls = ((await world.sandbox.state()).counters.requests.byEndpoint[BULK] ?? 0) - before;
    expect(calls).toBe(Math.ceil(unfinished / 100));
    expect(calls).toBeGreaterThanOrEqual(2);
    const stopped = await world.prisma.purchase.count({
      where: { customerId: customer.id, status: 'stopped' },
    });
    expect(stopped).toBe(120);
  });
});
