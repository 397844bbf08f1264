import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaService } from '@app/database';
import { GatewayHarness, HttpAnswer, startGateway } from '../support/gateway-harness';
import { fillPath, isMutating, RegisteredRoute, registeredRoutes } from '../support/routes';
import { createCustomer, issueKey, IssuedKey, TestCustomer } from './support';

/**
 * Customer B's key against customer A's resources, on every route the application registers:
 * customer routes never show or change A's data, admin routes answer 403. The routes come from the
 * Nest router, and A's resource ids from every table with a customer_id column, so routes and tables
 * added later are walked too.
 */
describe('tenant isolation over HTTP: customer B against customer A', () => {
  let gw: GatewayHarness;
  let db: pg.Client;
  let routes: RegisteredRoute[];
  let a: TestCustomer;
  let b: TestCustomer;
  let keyOfA: IssuedKey;
  let keyOfB: IssuedKey;
  /** Strings that only A's data contains. */
  let markersOfA: string[];
  /** Every id of a row that belongs to A, from every customer-owned table. */
  let idsOfA: string[];

  const marker = `tenant-a-${randomUUID()}`;

  async function customerOwnedTables(): Promise<string[]> {
    const { rows } = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name = 'customer_id' AND table_name <> 'audit_log'
       ORDER BY table_name`,
    );
    return rows.map((row) => row.table_name);
  }

  /** Every row of A in every customer-owned table, plus A's customer row, as JSON. */
  async function snapshotOfA(): Promise<string> {
    const snapshot: Record<string, unknown[]> = {};
    snapshot.customers = (await db.query('SELECT * FROM customers WHERE id = $1', [a.id])).rows;
    for (const table of await customerOwnedTables()) {
      const { rows } = await db.query(`SELECT * FROM "${table}" WHERE customer_id = $1 ORDER BY 1`, [a.id]);
      // Last use is recorded in the background and is not A's data changing.
      snapshot[table] = rows.map(({ last_used_at: _at, last_used_ip: _ip, ...row }) => row);
    }
    return JSON.stringify(snapshot);
  }

  async function seedDataOfA(): Promise<void> {
    const ledgerRoute = routes.find(
      (r) => r.method === 'POST' && r.path === '/v1/admin/customers/:id/ledger',
    );
    if (ledgerRoute) {
      const res = await gw.call('POST', fillPath(ledgerRoute, { id: a.id }), {
        key: gw.adminKey,
        body: { type: 'credit', amount: '25.00', reason: marker },
      });
      expect(res.status).toBe(201);
    }
    // Purchases are created through StreamSkill; a row is enough to be looked up.
    const prisma = new PrismaService({ url: gw.databaseUrl, poolSize: 1 });
    try {
      await prisma.purchase.create({
        data: {
          customerId: a.id,
          tarifId: 1,
          cart: { tarif: { id: 1, quantity: 100 }, channel: marker },
          quotedPrice: '10.00',
          currency: 'usd',
          markupPercent: '10.00',
          channel: marker,
          status: 'working',
          billingState: 'charged',
          price: '10.00',
        },
      });
    } finally {
      await prisma.$disconnect();
    }
  }

  async function collectIdsOfA(): Promise<string[]> {
    const ids = new Set<string>([a.id]);
    for (const table of await customerOwnedTables()) {
      const hasId = await db.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = 'id'`,
        [table],
      );
      if (!hasId.rowCount) continue;
      const { rows } = await db.query(`SELECT id::text AS id FROM "${table}" WHERE customer_id = $1`, [a.id]);
      rows.forEach((row) => ids.add(row.id));
    }
    return [...ids];
  }

  function expectNothingOfA(res: HttpAnswer, label: string): void {
    const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
    for (const found of markersOfA) {
      if (text.includes(found)) throw new Error(`${label} answered ${res.status} with A's data (${found})`);
    }
  }

  beforeAll(async () => {
    gw = await startGateway();
    db = new pg.Client({ connectionString: gw.databaseUrl });
    await db.connect();
    routes = registeredRoutes(gw.app);
    a = await createCustomer(gw, { name: marker, externalId: `${marker}-ext` });
    b = await createCustomer(gw);
    keyOfA = await issueKey(gw, a.id, { name: `${marker}-key` });
    keyOfB = await issueKey(gw, b.id);
    await seedDataOfA();
    // A uses its key once, so that last use and any per-request state exist too.
    expect((await gw.call('GET', '/v1/account', { key: keyOfA.key })).status).toBe(200);
    idsOfA = await collectIdsOfA();
    markersOfA = [marker, a.id, keyOfA.id, keyOfA.key.slice(0, 16)];
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await gw?.close();
  });

  it('finds the routes to walk', () => {
    const kinds = new Set(routes.map((route) => route.kind));
    expect(kinds).toEqual(new Set(['public', 'admin', 'customer']));
    expect(routes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'GET', path: '/v1/account', kind: 'customer' }),
        expect.objectContaining({ method: 'PATCH', path: '/v1/admin/customers/:id', kind: 'admin' }),
      ]),
    );
    expect(idsOfA.length).toBeGreaterThanOrEqual(3);
  });

  it("shows B its own account, never A's", async () => {
    const res = await gw.call('GET', '/v1/account', { key: keyOfB.key });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(b.id);
    expectNothingOfA(res, 'GET /v1/account');
  });

  it("never shows nor changes A's data on any customer route called with B's key", async () => {
    const before = await snapshotOfA();
    const numericIds = idsOfA.filter((id) => /^\d+$/.test(id));
    const customerRoutes = routes.filter((route) => route.kind === 'customer');
    let calls = 0;
    for (const route of customerRoutes) {
      const candidates = route.params.length ? idsOfA : [undefined];
      for (const id of candidates) {
        const path = fillPath(route, Object.fromEntries(route.params.map((name) => [name, id!])));
        const variants = [path, `${path}?ids=${numericIds.join(',') || '1'}`, `${path}?customerId=${a.id}`];
        for (const url of isMutating(route) ? [path] : variants) {
          const body = isMutating(route) ? { id, ids: numericIds.map(Number), customerId: a.id } : undefined;
          const res = await gw.call(route.method, url, { key: keyOfB.key, body });
          calls++;
          const label = `${route.method} ${url}`;
          // A 2xx is possible on resources that belong to nobody (the catalog): never with A's data.
          expectNothingOfA(res, label);
        }
      }
    }
    expect(calls).toBeGreaterThan(0);
    expect(await snapshotOfA()).toBe(before);
  }, 180_000);

  it("answers 404 for A's purchases and ledger, by id, to B", async () => {
    const purchaseRoute = routes.find((r) => r.method === 'GET' && r.path === '/v1/purchases/:id');
    const { rows } = await db.query('SELECT id FROM purchases WHERE customer_id = $1', [a.id]);
    if (purchaseRoute) {
      for (const { id } of rows) {
        const res = await gw.call('GET', fillPath(purchaseRoute, { id: String(id) }), { key: keyOfB.key });
        expect(res.status).toBe(404);
        // The same request with A's own key finds it: the 404 is tenancy, not a missing row.
        const own = await gw.call('GET', fillPath(purchaseRoute, { id: String(id) }), { key: keyOfA.key });
        expect(own.status).toBe(200);
      }
    }
  });

  it('answers 403 on every admin route to a customer key, whatever the ids', async () => {
    const adminRoutes = routes.filter((route) => route.kind === 'admin');
    expect(adminRoutes.length).toBeGreaterThan(5);
    for (const route of adminRoutes) {
      for (const id of route.params.length ? [a.id, b.id, keyOfA.id] : [undefined]) {
        const path = fillPath(route, Object.fromEntries(route.params.map((name) => [name, id!])));
        for (const headers of [{}, { 'on-behalf-of': a.id }] as Record<string, string>[]) {
          const res = await gw.call(route.method, path, {
            key: keyOfB.key,
            headers,
            body: isMutating(route) ? {} : undefined,
          });
          if (res.status !== 403) throw new Error(`${route.method} ${path} answered ${res.status}, not 403`);
          expectNothingOfA(res, `${route.method} ${path}`);
        }
      }
    }
  }, 180_000);

  it('answers 403 on every customer route when B names A in On-Behalf-Of', async () => {
    for (const route of routes.filter((r) => r.kind === 'customer')) {
      const path = fillPath(route, Object.fromEntries(route.params.map((name) => [name, idsOfA[0]])));
      const res = await gw.call(route.method, path, {
        key: keyOfB.key,
        headers: { 'on-behalf-of': a.id },
        body: isMutating(route) ? {} : undefined,
      });
      if (res.status !== 403) throw new Error(`${route.method} ${path} answered ${res.status}, not 403`);
    }
  }, 180_000);
});
