import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AuditRecorder } from '../../apps/gateway/src/audit/audit-recorder.service';
import { GatewayHarness, HttpAnswer, startGateway } from '../support/gateway-harness';
import { fillPath, isMutating, RegisteredRoute, registeredRoutes } from '../support/routes';
import { createCustomer, issueKey, TestCustomer } from '../auth/support';

interface AuditRow {
  seq: string;
  actor_type: string;
  actor_id: string | null;
  actor_customer_id: string | null;
  customer_id: string | null;
  action: string;
  target: string | null;
  outcome: string;
  http_status: number | null;
  request_id: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

/** Bodies that make the known admin routes succeed; every other route gets `{}`. */
const PLAUSIBLE_BODIES: Record<string, unknown> = {
  'POST /v1/admin/customers': { name: 'audit walk' },
  'PATCH /v1/admin/customers/:id': { name: 'audit walk (renamed)' },
  'POST /v1/admin/customers/:id/keys': { name: 'audit walk key' },
  'POST /v1/admin/keys/:keyId/rotate': { gracePeriodSeconds: 0 },
  'POST /v1/admin/customers/:id/ledger': { type: 'credit', amount: '1.00', reason: 'audit walk' },
  'PUT /v1/admin/tarifs/:tarifId': { enabled: true },
};

describe('audit log over HTTP', () => {
  let gw: GatewayHarness;
  let db: pg.Client;
  let routes: RegisteredRoute[];
  let adminKeyId: string;
  let customer: TestCustomer;

  async function rowsFor(requestId: string): Promise<AuditRow[]> {
    const { rows } = await db.query<AuditRow>('SELECT * FROM audit_log WHERE request_id = $1 ORDER BY seq', [
      requestId,
    ]);
    return rows;
  }

  async function call(
    method: string,
    path: string,
    options: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer & { requestId: string }> {
    const requestId = `audit-${randomUUID()}`;
    const res = await gw.call(method, path, {
      ...options,
      headers: { 'x-request-id': requestId, ...options.headers },
    });
    return { ...res, requestId };
  }

  async function onlyRowFor(res: { requestId: string; status: number }): Promise<AuditRow> {
    const rows = await rowsFor(res.requestId);
    if (rows.length !== 1)
      throw new Error(`${rows.length} audit rows for ${res.requestId} (status ${res.status})`);
    return rows[0];
  }

  beforeAll(async () => {
    gw = await startGateway();
    db = new pg.Client({ connectionString: gw.databaseUrl });
    await db.connect();
    routes = registeredRoutes(gw.app);
    const publicId = gw.adminKey.split('_')[1];
    adminKeyId = (await db.query('SELECT id FROM api_keys WHERE public_id = $1', [publicId])).rows[0].id;
    customer = await createCustomer(gw);
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await gw?.close();
  });

  describe('every mutating route writes exactly one row, whatever the outcome', () => {
    async function pathFor(route: RegisteredRoute): Promise<string> {
      const values: Record<string, string> = { id: customer.id, tarifId: '1' };
      if (route.params.includes('keyId')) values.keyId = (await issueKey(gw, customer.id)).id;
      if (route.path.startsWith('/v1/purchases/')) values.id = '1';
      return fillPath(route, values);
    }

    function expectedAction(route: RegisteredRoute): string {
      return route.auditAction ?? `${route.method} ${route.path}`;
    }

    it('covers the mutating routes of every kind', () => {
      const mutating = routes.filter(isMutating);
      expect(mutating.filter((r) => r.kind === 'admin').length).toBeGreaterThanOrEqual(5);
      expect(mutating.map((r) => `${r.method} ${r.path}`)).toEqual(
        expect.arrayContaining([
          'POST /v1/admin/customers',
          'PATCH /v1/admin/customers/:id',
          'POST /v1/admin/customers/:id/keys',
          'POST /v1/admin/keys/:keyId/rotate',
          'DELETE /v1/admin/keys/:keyId',
        ]),
      );
    });

    it('with an admin key and a plausible (or empty) body', async () => {
      const problems: string[] = [];
      let successes = 0;
      for (const route of routes.filter(isMutating)) {
        const signature = `${route.method} ${route.path}`;
        const res = await call(route.method, await pathFor(route), {
          key: gw.adminKey,
          body: route.method === 'DELETE' ? undefined : (PLAUSIBLE_BODIES[signature] ?? {}),
          headers: route.kind === 'customer' ? { 'on-behalf-of': customer.id } : {},
        });
        const rows = await rowsFor(res.requestId);
        if (rows.length !== 1) {
          problems.push(`${signature}: ${rows.length} rows for status ${res.status}`);
          continue;
        }
        if (res.status < 400) successes++;
        const expected = {
          action: expectedAction(route),
          outcome: res.status < 400 ? 'success' : 'failure',
          http_status: res.status,
          request_id: res.requestId,
          actor_type: 'admin',
          actor_id: adminKeyId,
          actor_customer_id: null,
          ip: '127.0.0.1',
        };
        const actual = Object.fromEntries(
          Object.keys(expected).map((k) => [k, rows[0][k as keyof AuditRow]]),
        );
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          problems.push(`${signature}: ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`);
        }
        if (route.kind === 'customer' && rows[0].customer_id !== customer.id) {
          problems.push(`${signature}: customer ${rows[0].customer_id}, not the On-Behalf-Of one`);
        }
      }
      expect(problems).toEqual([]);
      expect(successes).toBeGreaterThanOrEqual(5);
    }, 180_000);

    it('with a malformed body, refused before the handler', async () => {
      const problems: string[] = [];
      for (const route of routes.filter(isMutating)) {
        const res = await call(route.method, await pathFor(route), {
          key: gw.adminKey,
          body: '{"broken":',
          headers: route.kind === 'customer' ? { 'on-behalf-of': customer.id } : {},
        });
        const rows = await rowsFor(res.requestId);
        const row = rows[0];
        if (res.status !== 400 || rows.length !== 1) {
          problems.push(`${route.method} ${route.path}: status ${res.status}, ${rows.length} rows`);
        } else if (
          row.action !== expectedAction(route) ||
          row.outcome !== 'failure' ||
          row.http_status !== 400
        ) {
          problems.push(`${route.method} ${route.path}: ${row.action} ${row.outcome} ${row.http_status}`);
        }
      }
      expect(problems).toEqual([]);
    }, 180_000);

    it('with no key at all', async () => {
      for (const route of routes.filter((r) => isMutating(r) && r.kind !== 'public')) {
        const res = await call(route.method, await pathFor(route), { body: {} });
        expect(res.status).toBe(401);
        expect(await onlyRowFor(res)).toMatchObject({
          action: 'auth.missing',
          outcome: 'failure',
          http_status: 401,
          actor_type: 'anonymous',
          details: expect.objectContaining({ reason: 'missing', route: route.path }),
        });
      }
    }, 180_000);

    it('on an unknown route too', async () => {
      const res = await call('POST', '/v1/no-such-route', { key: gw.adminKey, body: {} });
      expect(res.status).toBe(404);
      expect(await onlyRowFor(res)).toMatchObject({ outcome: 'failure', http_status: 404 });
    });

    it('but not for a successful read', async () => {
      const res = await call('GET', `/v1/admin/customers/${customer.id}`, { key: gw.adminKey });
      expect(res.status).toBe(200);
      expect(await rowsFor(res.requestId)).toEqual([]);
    });
  });

  describe('what a row says', () => {
    it('names the customer and the target of admin actions on keys', async () => {
      const created = await call('POST', `/v1/admin/customers/${customer.id}/keys`, {
        key: gw.adminKey,
        body: { name: 'audited' },
      });
      expect(await onlyRowFor(created)).toMatchObject({
        action: 'api_key.create',
        target: created.body.id,
        customer_id: customer.id,
        outcome: 'success',
        http_status: 201,
      });
      const rotated = await call('POST', `/v1/admin/keys/${created.body.id}/rotate`, {
        key: gw.adminKey,
        body: { gracePeriodSeconds: 0 },
      });
      expect(await onlyRowFor(rotated)).toMatchObject({
        action: 'api_key.rotate',
        target: created.body.id,
        customer_id: customer.id,
        details: { replacedById: rotated.body.id },
      });
      const revoked = await call('DELETE', `/v1/admin/keys/${rotated.body.id}`, { key: gw.adminKey });
      expect(await onlyRowFor(revoked)).toMatchObject({
        action: 'api_key.revoke',
        target: rotated.body.id,
        customer_id: customer.id,
        outcome: 'success',
      });
      const missing = await call('DELETE', `/v1/admin/keys/${randomUUID()}`, { key: gw.adminKey });
      expect(await onlyRowFor(missing)).toMatchObject({
        action: 'api_key.revoke',
        outcome: 'failure',
        http_status: 404,
        customer_id: null,
      });
    });

    it('names the customer of a customer action and survives ids that are not UUIDs', async () => {
      const created = await call('POST', '/v1/admin/customers', { key: gw.adminKey, body: { name: 'row' } });
      expect(await onlyRowFor(created)).toMatchObject({
        action: 'customer.create',
        target: created.body.id,
        customer_id: created.body.id,
      });
      const bogus = await call('PATCH', '/v1/admin/customers/not-a-uuid', { key: gw.adminKey, body: {} });
      expect(bogus.status).toBe(404);
      expect(await onlyRowFor(bogus)).toMatchObject({
        action: 'customer.update',
        customer_id: null,
        target: 'not-a-uuid',
        http_status: 404,
      });
      expect(gw.app.get(AuditRecorder).backlogSize).toBe(0);
    });

    it("records a customer key's own actions with its customer", async () => {
      const issued = await issueKey(gw, customer.id, { scopes: ['purchases:read'] });
      const quote = routes.find((r) => isMutating(r) && r.kind === 'customer' && r.params.length === 0);
      expect(quote).toBeDefined();
      const res = await call(quote!.method, quote!.path, { key: issued.key, body: {} });
      expect(await onlyRowFor(res)).toMatchObject({
        actor_type: 'key',
        actor_id: issued.id,
        actor_customer_id: customer.id,
        customer_id: customer.id,
        http_status: res.status,
      });
    });
  });

  describe('authentication failures', () => {
    it('writes a row for each kind of refusal, on reads too', async () => {
      const other = await createCustomer(gw);
      const good = await issueKey(gw, other.id, { scopes: ['purchases:read'] });
      const revoked = await issueKey(gw, other.id);
      await gw.call('DELETE', `/v1/admin/keys/${revoked.id}`, { key: gw.adminKey });
      const walled = await issueKey(gw, other.id, { allowedIps: ['10.0.0.0/8'] });
      const suspendedCustomer = await createCustomer(gw);
      const suspended = await issueKey(gw, suspendedCustomer.id);
      await gw.call('PATCH', `/v1/admin/customers/${suspendedCustomer.id}`, {
        key: gw.adminKey,
        body: { status: 'suspended' },
      });
      const wrongSecret = `${good.key.slice(0, 17)}${'Z'.repeat(43)}`;

      const cases: [string | undefined, Record<string, string>, number, string, Partial<AuditRow>][] = [
        [undefined, {}, 401, 'missing', { actor_type: 'anonymous', actor_id: null }],
        ['garbage', {}, 401, 'unknown', { actor_type: 'anonymous', actor_id: null }],
        [wrongSecret, {}, 401, 'bad_secret', { actor_id: good.id, actor_customer_id: other.id }],
        [revoked.key, {}, 401, 'revoked', { actor_id: revoked.id, actor_customer_id: other.id }],
        [walled.key, {}, 403, 'ip_not_allowed', { actor_id: walled.id }],
        [
          suspended.key,
          {},
          403,
          'suspended',
          { actor_id: suspended.id, actor_customer_id: suspendedCustomer.id },
        ],
        [good.key, {}, 403, 'scope', { actor_type: 'key', actor_id: good.id }],
        [good.key, { 'on-behalf-of': customer.id }, 403, 'on_behalf_of', { actor_id: good.id }],
      ];
      for (const [key, headers, status, reason, fields] of cases) {
        const res = await call('GET', '/v1/account', { key, headers });
        expect([reason, res.status]).toEqual([reason, status]);
        expect(await onlyRowFor(res)).toMatchObject({
          action: `auth.${reason}`,
          outcome: 'failure',
          http_status: status,
          ip: '127.0.0.1',
          details: { reason, method: 'GET', route: '/v1/account' },
          ...fields,
        });
      }
      // A customer key on an admin route is a scope failure too.
      const res = await call('GET', '/v1/admin/customers', { key: good.key });
      expect(await onlyRowFor(res)).toMatchObject({ action: 'auth.scope', http_status: 403 });
      // The row's audit action is kept in the details when the refused route has one.
      const refused = await call('POST', '/v1/admin/customers', { key: good.key, body: { name: 'x' } });
      expect(await onlyRowFor(refused)).toMatchObject({
        action: 'auth.scope',
        details: { routeAction: 'customer.create' },
      });
    }, 180_000);
  });

  describe('GET /v1/admin/audit', () => {
    let subject: TestCustomer;
    let requestIds: string[];
    const startedAt = new Date(Date.now() - 1000).toISOString();

    beforeAll(async () => {
      subject = await createCustomer(gw);
      requestIds = [];
      for (let i = 0; i < 5; i++) {
        const res = await call('PATCH', `/v1/admin/customers/${subject.id}`, {
          key: gw.adminKey,
          body: { name: `audited ${i}` },
        });
        requestIds.push(res.requestId);
      }
    });

    const list = (query: string) => gw.call('GET', `/v1/admin/audit?${query}`, { key: gw.adminKey });

    it('filters by customer and action, newest first', async () => {
      const res = await list(`customerId=${subject.id}&action=customer.update`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((row: { requestId: string }) => row.requestId)).toEqual(
        [...requestIds].reverse(),
      );
      expect(res.body.items[0]).toMatchObject({
        seq: expect.stringMatching(/^\d+$/),
        occurredAt: expect.any(String),
        actorType: 'admin',
        actorId: adminKeyId,
        customerId: subject.id,
        outcome: 'success',
        httpStatus: 200,
      });
      expect(res.body.nextCursor).toBeNull();
    });

    it('filters by actor, outcome and time range', async () => {
      const byActor = await list(`actorId=${adminKeyId}&customerId=${subject.id}`);
      expect(byActor.body.items.length).toBeGreaterThanOrEqual(5);
      expect(byActor.body.items.every((row: { actorId: string }) => row.actorId === adminKeyId)).toBe(true);

      const failures = await list(`outcome=failure&customerId=${subject.id}`);
      expect(failures.body.items).toEqual([]);

      const inRange = await list(`customerId=${subject.id}&from=${startedAt}&to=${new Date().toISOString()}`);
      expect(inRange.body.items.length).toBeGreaterThanOrEqual(5);
      const before = await list(`customerId=${subject.id}&to=${startedAt}`);
      expect(before.body.items).toEqual([]);
      const after = await list(
        `customerId=${subject.id}&from=${new Date(Date.now() + 60_000).toISOString()}`,
      );
      expect(after.body.items).toEqual([]);
    });

    it('pages with a cursor without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await list(`customerId=${subject.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((row: { seq: string }) => row.seq));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(new Set(seen).size).toBe(seen.length);
      const sorted = [...seen].sort((x, y) => Number(BigInt(y) - BigInt(x)));
      expect(seen).toEqual(sorted);
      const all = await list(`customerId=${subject.id}&limit=200`);
      expect(all.body.items.map((row: { seq: string }) => row.seq)).toEqual(seen);
    });

    it.each([
      ['customerId=abc', 'customerId'],
      ['outcome=maybe', 'outcome'],
      ['actorType=robot', 'actorType'],
      ['from=yesterday', 'from'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['cursor=-1', 'cursor'],
      ['unknown=1', 'unknown'],
    ])('rejects %s with a field error', async (query, field) => {
      const res = await list(query);
      expect(res.status).toBe(422);
      expect(Object.keys(res.body.errors)).toEqual([field]);
    });
  });

  describe('tamper evidence', () => {
    const COLUMNS: [string, (seq: string) => string][] = [
      ['action', () => `'forged.action'`],
      ['outcome', () => `'failure'`],
      ['http_status', () => '299'],
      ['target', () => `'forged'`],
      ['customer_id', () => `'${randomUUID()}'`],
      ['actor_id', () => `'someone-else'`],
      ['actor_type', () => `'job'`],
      ['request_id', () => `'forged-request'`],
      ['ip', () => `'203.0.113.9'`],
      ['occurred_at', () => `occurred_at + interval '1 second'`],
      ['details', () => `'{"forged": true}'::jsonb`],
      ['prev_hash', () => `'${'f'.repeat(64)}'`],
      ['hash', () => `'${'e'.repeat(64)}'`],
    ];

    async function withTriggerOff(sql: string, params: unknown[] = []): Promise<void> {
      await db.query('BEGIN');
      try {
        await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
        await db.query(sql, params);
        await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
        await db.query('COMMIT');
      } catch (error) {
        await db.query('ROLLBACK');
        throw error;
      }
    }

    const verify = async () => (await gw.call('GET', '/v1/admin/audit/verify', { key: gw.adminKey })).body;

    it('reports an unbroken chain', async () => {
      expect(await verify()).toMatchObject({ ok: true, firstBreak: null, checkedRows: expect.any(Number) });
    });

    it.each(COLUMNS)(
      'reports a row whose %s was altered in SQL, until it is put back',
      async (column, value) => {
        const res = await call('PATCH', `/v1/admin/customers/${customer.id}`, {
          key: gw.adminKey,
          body: { plan: 'tamper' },
        });
        await call('PATCH', `/v1/admin/customers/${customer.id}`, {
          key: gw.adminKey,
          body: { plan: 'after' },
        });
        const row = await onlyRowFor(res);
        const original = (await db.query(`SELECT ${column} FROM audit_log WHERE seq = $1`, [row.seq]))
          .rows[0][column];
        await withTriggerOff(`UPDATE audit_log SET ${column} = ${value(row.seq)} WHERE seq = $1`, [row.seq]);
        try {
          const result = await verify();
          expect(result).toMatchObject({ ok: false, firstBreak: { seq: row.seq } });
          expect(['hash_mismatch', 'prev_hash_mismatch']).toContain(result.firstBreak.reason);
        } finally {
          await withTriggerOff(`UPDATE audit_log SET ${column} = $2 WHERE seq = $1`, [row.seq, original]);
        }
        expect(await verify()).toMatchObject({ ok: true });
      },
    );

    it('reports a row removed from the middle of the chain', async () => {
      const first = await call('PATCH', `/v1/admin/customers/${customer.id}`, { key: gw.adminKey, body: {} });
      const row = await onlyRowFor(first);
      await call('PATCH', `/v1/admin/customers/${customer.id}`, { key: gw.adminKey, body: {} });
      const saved = (await db.query('SELECT * FROM audit_log WHERE seq = $1', [row.seq])).rows[0];
      await withTriggerOff('DELETE FROM audit_log WHERE seq = $1', [row.seq]);
      try {
        expect(await verify()).toMatchObject({ ok: false, firstBreak: { reason: 'sequence_gap' } });
      } finally {
        const columns = Object.keys(saved);
        await withTriggerOff(
          `INSERT INTO audit_log (${columns.join(',')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(',')})`,
          columns.map((column) => saved[column]),
        );
      }
      expect(await verify()).toMatchObject({ ok: true });
    });

    it('refuses UPDATE, DELETE and TRUNCATE on the table', async () => {
      await call('PATCH', `/v1/admin/customers/${customer.id}`, { key: gw.adminKey, body: {} });
      await expect(db.query(`UPDATE audit_log SET outcome = 'success'`)).rejects.toThrow(/append-only/);
      await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      expect(await verify()).toMatchObject({ ok: true });
    });
  });
});
