import {
  cartFor,
  newCustomer,
  pendingPurchase,
  startReconcilerWorld,
  uniqueChannel,
  type PurchasesWorld,
  type TestCustomer,
} from '../../reconciler/support';

/**
 * A gateway whose customer has one purchase of each kind: charged (linked upstream), rejected (an
 * upstream 401), pending (reset before StreamSkill recorded it); and another customer with one charged.
 */
export interface SeededWorld extends PurchasesWorld {
  customer: TestCustomer;
  other: TestCustomer;
  charged: number;
  rejected: number;
  pending: number;
  /** Changes the database for one check, and always puts it back: other suites may share it. */
  whileCorrupted(corrupt: string, restore: string, check: () => Promise<void>): Promise<void>;
}

export async function startSeededWorld(): Promise<SeededWorld> {
  const world = await startReconcilerWorld();
  const customer = await newCustomer(world, { balance: '100.00' });
  const other = await newCustomer(world, { balance: '100.00' });
  const charged = await buy(customer);
  await buy(other);
  await world.sandbox.setFaults({
    method: 'POST',
    path: '/v1/purchases/create',
    times: 1,
    errorRate: { 401: 1 },
  });
  const refused = await customer.call('POST', '/v1/purchases/create', { body: cartFor(uniqueChannel()) });
  if (refused.status !== 502) throw new Error(`expected 502, got ${refused.status}`);
  const { id: rejected } = await world.prisma.purchase.findFirstOrThrow({
    where: { customerId: customer.id, billingState: 'rejected' },
  });
  const pending = await pendingPurchase(world, customer, { resetBeforeRecord: true });
  return {
    ...world,
    customer,
    other,
    charged,
    rejected,
    pending,
    whileCorrupted: async (corrupt, restore, check) => {
      await world.prisma.$executeRawUnsafe(corrupt);
      try {
        await check();
      } finally {
        await world.prisma.$executeRawUnsafe(restore);
      }
    },
  };
}

async function buy(buyer: TestCustomer): Promise<number> {
  const res = await buyer.call('POST', '/v1/purchases/create', { body: cartFor(uniqueChannel()) });
  if (res.status !== 200) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as number;
}
