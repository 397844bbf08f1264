import { AuditLogWriter } from '../../apps/gateway/src/audit/audit-log.writer';
import { AuditRecorder } from '../../apps/gateway/src/audit/audit-recorder.service';
import { startGateway, type GatewayHarness } from '../support/gateway-harness';
import { CART, newCustomer, startPurchasesWorld, type PurchasesWorld } from '../purchases/support';
import { PrometheusText } from './prometheus-text';

const CREATE = { method: 'POST', path: '/v1/purchases/create', times: 1 } as const;
const UPSTREAM_CREATE = 'POST /purchases/create';
const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

async function scrape(gw: GatewayHarness, headers: Record<string, string> = {}): Promise<PrometheusText> {
  const response = await fetch(`${gw.url}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return new PrometheusText(await response.text());
}

describe('GET /metrics (e2e)', () => {
  let world: PurchasesWorld;

  beforeAll(async () => {
    world = await startPurchasesWorld({ STREAMSKILL_WRITE_TIMEOUT_MS: '2000' });
  });
  afterAll(() => world?.gw.close());

  it('is public, outside /v1, and exposes the process metrics', async () => {
    const metrics = await scrape(world.gw);
    expect(metrics.value('process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(metrics.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect((await world.gw.call('GET', '/v1/metrics')).status).toBe(404);
  });

  it('counts requests by route pattern and status, with latency histograms', async () => {
    const customer = await newCustomer(world);
    for (const id of [999_001, 999_002]) {
      expect((await customer.call('GET', `/v1/purchases/${id}`)).status).toBe(404);
    }
    expect((await customer.call('GET', '/v1/no-such-route/12345')).status).toBe(404);

    const metrics = await scrape(world.gw);
    const read = { method: 'GET', route: '/v1/purchases/:id', status_code: '404' };
    expect(metrics.value('gateway_http_request_duration_seconds_count', read)).toBe(2);
    expect(metrics.value('gateway_http_request_duration_seconds_sum', read)).toBeGreaterThan(0);
    const buckets = metrics.find('gateway_http_request_duration_seconds_bucket', read);
    expect(buckets.find((bucket) => bucket.labels.le === '+Inf')?.value).toBe(2);
    expect(metrics.types.get('gateway_http_request_duration_seconds')).toBe('histogram');
    const unmatched = { method: 'GET', route: 'unmatched', status_code: '404' };
    expect(metrics.value('gateway_http_request_duration_seconds_count', unmatched)).toBeGreaterThanOrEqual(1);
    expect(metrics.text).not.toContain('no-such-route');
    expect(metrics.text).not.toContain('999001');
  });

  it('counts upstream calls by endpoint template and outcome, and reports the budget', async () => {
    const customer = await newCustomer(world);
    await world.sandbox.reset();
    expect((await customer.call('POST', '/v1/purchases/create', { body: CART })).status).toBe(200);
    await world.sandbox.setFaults({ ...CREATE, errorRate: { '422': 1 } });
    expect((await customer.call('POST', '/v1/purchases/create', { body: CART })).status).toBe(422);
    await world.sandbox.setFaults({ ...CREATE, errorRate: { '500': 1 } });
    expect((await customer.call('POST', '/v1/purchases/create', { body: CART })).status).toBe(202);
    await world.sandbox.setFaults({ ...CREATE, errorRate: { '429': 1 } });
    expect((await customer.call('POST', '/v1/purchases/create', { body: CART })).status).toBe(503);
    await world.sandbox.clearFaults();

    const metrics = await scrape(world.gw);
    const calls = (outcome: string) =>
      metrics.value('gateway_upstream_requests_total', { endpoint: UPSTREAM_CREATE, outcome });
    expect([calls('ok'), calls('http_4xx'), calls('http_5xx'), calls('http_429')]).toEqual([1, 1, 1, 1]);
    const okDuration = { endpoint: UPSTREAM_CREATE, outcome: 'ok' };
    expect(metrics.value('gateway_upstream_request_duration_seconds_count', okDuration)).toBe(1);
    expect(metrics.text).not.toContain(world.gw.sandbox.token);

    const granted = metrics.value('gateway_upstream_budget_granted_total', { priority: 'interactive' });
    expect(granted).toBeGreaterThanOrEqual(4);
    expect(metrics.value('gateway_upstream_budget_refused_total', { priority: 'interactive' })).toBe(0);
    expect(metrics.value('gateway_upstream_budget_waiting', { priority: 'interactive' })).toBe(0);
    expect(metrics.value('gateway_upstream_budget_wait_seconds_count', { priority: 'interactive' })).toBe(
      granted,
    );
    expect(metrics.value('gateway_upstream_rate_limited_total')).toBe(1);
    expect(metrics.value('gateway_upstream_budget_tokens')).toEqual(expect.any(Number));
    expect(metrics.value('gateway_upstream_budget_store_errors_total')).toBe(0);
  });

  it('reports open holds, pending and needs_review purchases and the reconciler backlog from the database', async () => {
    const customer = await newCustomer(world);
    await world.sandbox.setFaults({ ...CREATE, errorRate: { '503': 1 } });
    expect((await customer.call('POST', '/v1/purchases/create', { body: CART })).status).toBe(202);
    await world.sandbox.clearFaults();
    const { prisma } = world;
    const [openCreateHolds, pending, needsReview, unlinked, prolongs] = await Promise.all([
      prisma.hold.count({ where: { state: 'open', purpose: 'create' } }),
      prisma.purchase.count({ where: { billingState: 'pending' } }),
      prisma.purchase.count({ where: { billingState: 'needs_review' } }),
      prisma.purchase.count({ where: { billingState: 'pending', upstreamId: null } }),
      prisma.purchase.count({ where: { prolongDeadline: { not: null } } }),
    ]);
    expect(openCreateHolds).toBeGreaterThanOrEqual(1);

    const metrics = await scrape(world.gw);
    expect(metrics.value('gateway_holds_open', { purpose: 'create' })).toBe(openCreateHolds);
    expect(metrics.value('gateway_holds_open_amount', { purpose: 'create' })).toBeGreaterThan(0);
    expect(metrics.value('gateway_holds_open_oldest_seconds')).toBeGreaterThanOrEqual(0);
    expect(metrics.value('gateway_purchases', { billing_state: 'pending' })).toBe(pending);
    expect(metrics.value('gateway_purchases', { billing_state: 'needs_review' })).toBe(needsReview);
    expect(metrics.value('gateway_reconciler_backlog', { kind: 'create' })).toBe(unlinked);
    expect(metrics.value('gateway_reconciler_backlog', { kind: 'prolong' })).toBe(prolongs);
    expect(metrics.value('gateway_reconciler_overdue')).toBeGreaterThanOrEqual(0);
  });

  it('reports audit write failures and the retry backlog', async () => {
    const before = await scrape(world.gw);
    expect(before.value('gateway_audit_backlog')).toBe(0);
    const failuresBefore = before.value('gateway_audit_write_failures_total') ?? -1;
    expect(before.value('gateway_audit_dropped_total')).toBe(0);

    const writer = world.gw.app.get(AuditLogWriter);
    const failing = jest.spyOn(writer, 'append').mockRejectedValue(new Error('database unavailable'));
    try {
      await newCustomer(world, { balance: '0.00' });
      const during = await scrape(world.gw);
      expect(during.value('gateway_audit_write_failures_total')).toBe(failuresBefore + 2);
      expect(during.value('gateway_audit_backlog')).toBe(2);
    } finally {
      failing.mockRestore();
    }
    await world.gw.app.get(AuditRecorder).drain();
    expect((await scrape(world.gw)).value('gateway_audit_backlog')).toBe(0);
  });

  it('lists the inbound rate-limit counters in the same registry', async () => {
    const metrics = await scrape(world.gw);
    expect(metrics.types.get('gateway_rate_limit_rejections_total')).toBe('counter');
    expect(metrics.types.get('gateway_rate_limit_store_failures_total')).toBe('counter');
  });
});

describe('GET /metrics with METRICS_TOKEN (e2e)', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await startGateway({ env: { METRICS_TOKEN, BACKGROUND_JOBS_ENABLED: 'false', LOG_LEVEL: 'warn' } });
  });
  afterAll(() => gw?.close());

  it('answers 401 in the error envelope without the token or with another one', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: METRICS_TOKEN },
    ];
    for (const headers of attempts) {
      const answer = await gw.call('GET', '/metrics', { headers });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ status: 401, type: 'unauthorized_http_exception' });
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    }
    // An API key is not a metrics token either.
    expect((await gw.call('GET', '/metrics', { key: gw.adminKey })).status).toBe(401);
  });

  it('answers with the token, and shows only this application series', async () => {
    const metrics = await scrape(gw, { authorization: `Bearer ${METRICS_TOKEN}` });
    const unauthorized = { method: 'GET', route: '/metrics', status_code: '401' };
    expect(metrics.value('gateway_http_request_duration_seconds_count', unauthorized)).toBe(4);
    // The other suite's gateway runs in this process too: its traffic is not in this registry.
    expect(
      metrics.find('gateway_http_request_duration_seconds_count', { route: '/v1/purchases/:id' }),
    ).toEqual([]);
    expect(metrics.find('gateway_upstream_requests_total')).toEqual([]);
  });
});
