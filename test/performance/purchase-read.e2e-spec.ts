import { Prisma } from '@app/database';
import { PurchaseRepository } from '../../apps/gateway/src/purchases/purchase.repository';
import { RequestContext } from '../../apps/gateway/src/tenancy/request-context';
import { tenantBatchStatement } from '../../apps/gateway/src/tenancy/tenant-row-batch';
import { CART, newCustomer, startPurchasesWorld, type PurchasesWorld } from '../purchases/support';

const CREATE = { method: 'POST', path: '/v1/purchases/create', times: 1 } as const;

/**
 * GET /purchases/{id} reads its row with plain SQL, concurrent reads batched into one statement
 * (tenancy/tenant-row-batch.ts), for speed: it must return exactly what the tenant-scoped Prisma
 * client returned, and keep other tenants out the same way.
 */
describe('the raw single-purchase read (e2e)', () => {
  let world: PurchasesWorld;
  let repository: PurchaseRepository;

  beforeAll(async () => {
    world = await startPurchasesWorld({ STREAMSKILL_WRITE_TIMEOUT_MS: '2000' });
    repository = world.gw.app.get(PurchaseRepository);
  });
  afterAll(() => world?.gw.close());

  async function purchaseIdsOf(customerId: string): Promise<number[]> {
    const rows = await world.prisma.purchase.findMany({ where: { customerId }, orderBy: { id: 'asc' } });
    return rows.map((row) => row.id);
  }

  it('returns what Prisma returns, every field included, for charged, pending and prolonged purchases', async () => {
    const customer = await newCustomer(world);
    expect((await customer.call('POST', '/v1/purchases/create', { body: CART })).status).toBe(200);
    await world.sandbox.setFaults({ ...CREATE, errorRate: { '500': 1 } });
    expect((await customer.call('POST', '/v1/purchases/create', { body: CART })).status).toBe(202);
    await world.sandbox.clearFaults();
    const ids = await purchaseIdsOf(customer.id);
    // A row with every nullable column filled in, and an updated_at with milliseconds.
    await world.prisma.purchase.update({
      where: { id: ids[0] },
      data: {
        prolongDeadline: new Date('2030-01-02T03:04:05.678Z'),
        prolongCount: 2,
        expanded: { tarif: { id: 1 } },
        lastError: { kind: 'note' },
        updatedAt: new Date('2029-12-31T23:59:59.123Z'),
      },
    });

    for (const id of ids) {
      const expected = await world.prisma.purchase.findFirst({
        where: { id, customerId: customer.id, billingState: { not: 'rejected' } },
      });
      const actual = await RequestContext.runAsTenant(customer.id, () => repository.findVisible(id));
      expect(actual).toEqual(expected);
      expect(Object.keys(actual ?? {}).sort()).toEqual(Object.keys(Prisma.PurchaseScalarFieldEnum).sort());
      expect(actual?.quotedPrice).toBeInstanceOf(Prisma.Decimal);
    }
  });

  it("finds neither another customer's purchase, nor a rejected one, nor an id out of range", async () => {
    const owner = await newCustomer(world);
    const other = await newCustomer(world);
    expect((await owner.call('POST', '/v1/purchases/create', { body: CART })).status).toBe(200);
    await world.sandbox.setFaults({ ...CREATE, errorRate: { '422': 1 } });
    expect((await owner.call('POST', '/v1/purchases/create', { body: CART })).status).toBe(422);
    await world.sandbox.clearFaults();
    const [charged, rejected] = await purchaseIdsOf(owner.id);

    const asOwner = (id: number) => RequestContext.runAsTenant(owner.id, () => repository.findVisible(id));
    expect(await asOwner(charged)).not.toBeNull();
    expect(await asOwner(rejected)).toBeNull();
    expect(await asOwner(2 ** 31)).toBeNull();
    expect(await RequestContext.runAsTenant(other.id, () => repository.findVisible(charged))).toBeNull();
    expect((await other.call('GET', `/v1/purchases/${charged}`)).status).toBe(404);
    await expect(repository.findVisible(charged)).rejects.toThrow('outside of a tenant context');
  });

  it('answers concurrent reads of many tenants from shared batches, each with its own rows only', async () => {
    const customers = await Promise.all([newCustomer(world), newCustomer(world), newCustomer(world)]);
    for (const customer of customers)
      expect((await customer.call('POST', '/v1/purchases/create', { body: CART })).status).toBe(200);
    const owned = await Promise.all(customers.map((customer) => purchaseIdsOf(customer.id)));
    const everyId = owned.flat();
    // Every customer asks for every purchase, all at once: the reads share batches.
    const answers = await Promise.all(
      customers.flatMap((customer) =>
        everyId.map(async (id) => ({
          customer: customer.id,
          id,
          found: await RequestContext.runAsTenant(customer.id, () => repository.findVisible(id)),
        })),
      ),
    );
    for (const { customer, id, found } of answers) {
      const mine = owned[customers.findIndex((c) => c.id === customer)].includes(id);
      expect(found === null ? null : { id: found.id, customerId: found.customerId }).toEqual(
        mine ? { id, customerId: customer } : null,
      );
    }
  });

  it('refuses to declare a batch statement that does not join on the wanted (customer, id) pairs', () => {
    expect(() => tenantBatchStatement('SELECT * FROM purchases WHERE id = ANY($2)')).toThrow(
      'customer_id, id',
    );
    expect(() =>
      tenantBatchStatement(
        'SELECT * FROM purchases JOIN unnest($1::uuid[], $2::int[]) AS wanted(customer_id, id) USING (id)',
      ),
    ).toThrow();
    const ok =
      'SELECT id FROM holds JOIN unnest($1::uuid[], $2::int[]) AS wanted(customer_id, id) USING (customer_id, id)';
    expect(tenantBatchStatement(ok).text).toContain('holds');
  });
});
