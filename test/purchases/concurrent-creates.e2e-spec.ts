import { Prisma } from '@app/database';
import {
  CART,
  balanceOf,
  expectLedgerConsistent,
  newCustomer,
  startPurchasesWorld,
  type PurchasesWorld,
} from './support';

describe('concurrent creates of one customer', () => {
  let world: PurchasesWorld;

  beforeAll(async () => {
    // A margin small enough that the margins released by the first 37 never pay for a 38th.
    world = await startPurchasesWorld({ PURCHASE_HOLD_MARGIN_PERCENT: '2', DATABASE_POOL_SIZE: '10' });
  });
  afterAll(() => world?.gw.close());

  it('lets exactly the purchases the balance covers through, and bills each once', async () => {
    // Price 5.50 (5.00 upstream + 10%), hold 5.61: 37 holds need 207.57 = 197.57 balance + 10.00 credit.
    const customer = await newCustomer(world, {
      balance: '197.57',
      creditLimit: '10.00',
      markupPercent: '10.00',
    });
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => customer.call('POST', '/v1/purchases/create', { body: CART })),
    );

    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(37);
    expect(statuses.filter((status) => status === 402)).toHaveLength(63);
    for (const refused of answers.filter((answer) => answer.status === 402)) {
      expect(refused.body.type).toBe('insufficient_funds');
    }
    expect((await world.sandbox.state()).purchases).toHaveLength(37);

    const purchases = await world.prisma.purchase.findMany({ where: { customerId: customer.id } });
    expect(purchases).toHaveLength(37);
    expect(purchases.every((purchase) => purchase.billingState === 'charged')).toBe(true);
    expect(new Set(purchases.map((purchase) => purchase.upstreamId)).size).toBe(37);
    // 197.57 - 37 * 5.50
    expect(await balanceOf(world, customer.id)).toEqual({ total: '-5.93', held: '0.00' });

    const entries = await world.prisma.ledgerEntry.findMany({ where: { customerId: customer.id } });
    const floor = new Prisma.Decimal('-10.00');
    for (const entry of entries) expect(entry.totalAfter.minus(entry.heldAfter).gte(floor)).toBe(true);
    await expectLedgerConsistent(world, [customer.id]);
  }, 120_000);
});
