import {
  cartFor,
  newCustomer,
  pendingPurchase,
  startReconcilerWorld,
  uniqueChannel,
  type PurchasesWorld,
  type TestCustomer,
} from './support';

// Each suite boots gateways over a sandbox: slow when the machine is busy.
jest.setTimeout(120_000);

describe('GET /v1/admin/purchases', () => {
  let world: PurchasesWorld;
  let customer: TestCustomer;
  let charged: number[];
  let pending: number;

  beforeAll(async () => {
    world = await startReconcilerWorld();
    customer = await newCustomer(world, { balance: '100.00', markupPercent: '10.00' });
    charged = [];
    for (const tarifId of [1, 1, 3]) {
      const res = await customer.call('POST', '/v1/purchases/create', {
        body: cartFor(uniqueChannel(), tarifId),
      });
      charged.push(res.body.id);
    }
    pending = await pendingPurchase(world, customer, { resetBeforeRecord: true });
  });
  afterAll(() => world.gw.close());

  const list = (query: string) =>
    world.gw.call('GET', `/v1/admin/purchases?${query}`, { key: world.gw.adminKey });

  it('lists a customer purchases newest first, with upstream ids and costs', async () => {
    const res = await list(`customerId=${customer.id}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((item: { id: number }) => item.id)).toEqual(
      [pending, ...charged].sort((a, b) => b - a),
    );
    const [first] = (await list(`customerId=${customer.id}&billingState=charged&tarifId=3`)).body.items;
    expect(first).toMatchObject({
      id: charged[2],
      tarifId: 3,
      billingState: 'charged',
      status: 'created',
      upstreamId: expect.any(Number),
      upstreamPrice: '9.00',
      price: '9.90',
      markupPercent: '10.00',
      currency: 'usd',
      openHolds: [],
    });
    expect(res.body.nextCursor).toBeNull();
  });

  it('filters by billing state, status, tariff and creation time', async () => {
    const ids = async (query: string) =>
      (await list(`customerId=${customer.id}&${query}`)).body.items.map((item: { id: number }) => item.id);
    expect(await ids('billingState=pending')).toEqual([pending]);
    expect(await ids('status=created&tarifId=1')).toEqual([charged[1], charged[0]]);
    expect(await ids('createdTo=2000-01-01T00:00:00Z')).toEqual([]);
    expect((await ids('createdFrom=2000-01-01T00:00:00Z')).length).toBe(4);
  });

  it('pages with a cursor', async () => {
    const first = await list(`customerId=${customer.id}&limit=3`);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(String(first.body.items[2].id));
    const second = await list(`customerId=${customer.id}&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((item: { id: number }) => item.id)).toEqual([Math.min(pending, ...charged)]);
    expect(second.body.nextCursor).toBeNull();
  });

  it.each([
    ['customerId=nope', 'customerId'],
    ['billingState=lost', 'billingState'],
    ['tarifId=0', 'tarifId'],
    ['createdFrom=yesterday', 'createdFrom'],
    ['limit=101', 'limit'],
    ['cursor=-1', 'cursor'],
    ['status=DROP%20TABLE', 'status'],
    ['unknown=1', 'unknown'],
  ])('refuses %s with a field error', async (query, field) => {
    const res = await list(query);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toContain(field);
  });

  it('is for admins only, and shows one purchase by id', async () => {
    expect((await customer.call('GET', '/v1/admin/purchases')).status).toBe(403);
    const one = await world.gw.call('GET', `/v1/admin/purchases/${pending}`, { key: world.gw.adminKey });
    expect(one.body).toMatchObject({
      id: pending,
      billingState: 'pending',
      openHolds: [expect.objectContaining({ purpose: 'create' })],
    });
    const missing = await world.gw.call('GET', '/v1/admin/purchases/abc', { key: world.gw.adminKey });
    expect(missing.status).toBe(404);
  });
});
