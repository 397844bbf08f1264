import { Prisma } from '@app/database';
import {
  CART,
  balanceOf,
  expectLedgerConsistent,
  newCustomer,
  startPurchasesWorld,
  type PurchasesWorld,
  BOOT_TIMEOUT_MS,
} from './support';

describe('concurrent creates of one customer', () => {
  let world: PurchasesWorld;

  beforeAll(async () => {
    // A margin small enough that the margins released by the first 37 never pay for a 38th.
    world = await startPurchasesWorld({ PURCHASE_HOLD_MARGIN_PERCENT: '2', DATABASE_POOL_SIZE: '10' });
  }, BOOT_TIMEOUT_MS);
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

    const byStatus: Record<number, number> = {};
    for (const answer of answers) byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
    const unexpected = answers.filter((answer) => answer.status !== 200 && answer.status !== 402);
    const errors = world.gw.logs.filter((line) => line.includes('"level":50')).map(errorMessageOf);
    expect({ byStatus, unexpected: unexpected.slice(0, 3).map((answer) => answer.body), errors }).toEqual({
      byStatus: { 200: 37, 402: 63 },
      unexpected: [],
      errors: [],
    });
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

function errorMessageOf(line: string): string {
  const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
  return `${entry.msg ?? ''}: ${entry.err?.message?.slice(0, 300) ?? ''}`;
}
