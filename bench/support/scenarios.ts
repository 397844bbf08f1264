import type { RequestSpec } from 'autocannon';
import { BENCH_CUSTOMER_HEADER } from '../baseline/bench-baseline.controller';
import { SANDBOX_TOKEN } from '../servers/sandbox-token';
import { measure, type Measurement } from './measure';
import type { BenchOptions } from './options';
import type { RunningServer } from './processes';
import type { Seed } from './seed';
import { mb, percent, signedMs, type Row } from './table';

const CART = JSON.stringify({ tarif: { id: 1, quantity: 100, duration: 1 }, channel: 'bench' });

type Log = (line: string) => void;

function rowOf(scenario: string, result: Measurement, comparison?: string): Row {
  const spread =
    result.runs.length > 1 ? `runs ${result.runs.map((rps) => Math.round(rps)).join('/')}; ` : '';
  const failed = result.failures ? `; ${result.failures} failed (${JSON.stringify(result.statuses)})` : '';
  return {
    scenario,
    requestsPerSecond: result.requestsPerSecond,
    p50: result.p50,
    p99: result.p99,
    comparison,
    note: `${spread}peak RSS ${mb(result.peakRss)}${failed}`,
  };
}

/** Connection i reads the purchases of customer i (one customer per connection). */
function purchaseReads(
  seed: Seed,
  index: number,
  headers: (customer: Seed['customers'][number]) => Record<string, string>,
  prefix: string,
): RequestSpec[] {
  const customer = seed.customers[index % seed.customers.length];
  return customer.purchaseIds.map((id) => ({
    method: 'GET',
    path: `${prefix}/${id}`,
    headers: headers(customer),
  }));
}

export async function readScenarios(
  gateway: RunningServer,
  seed: Seed,
  options: BenchOptions,
  label: string,
  log: Log,
  { authenticatedOnly = false } = {},
): Promise<Row[]> {
  const timing = {
    repetitions: options.repetitions,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
  };
  const load = { url: gateway.url, connections: options.connections };
  const rows: Row[] = [];
  let hello: Measurement | undefined;
  let bare: Measurement | undefined;
  if (!authenticatedOnly) {
    log('GET /v1/bench/hello');
    hello = await measure(
      { ...load, requestsFor: () => [{ method: 'GET', path: '/v1/bench/hello' }] },
      gateway,
      timing,
    );
    rows.push(rowOf('bare "hello" route (adapter ceiling)', hello));
    log('GET /v1/bench/purchases/:id');
    bare = await measure(
      {
        ...load,
        requestsFor: (i) =>
          purchaseReads(seed, i, (c) => ({ [BENCH_CUSTOMER_HEADER]: c.id }), '/v1/bench/purchases'),
      },
      gateway,
      timing,
    );
    rows.push(
      rowOf(
        'bare same-read route (no key, throttle, audit)',
        bare,
        hello && percent(bare.requestsPerSecond / hello.requestsPerSecond) + ' of hello',
      ),
    );
  }
  log(`GET /v1/purchases/:id (${label})`);
  const authenticated = await measure(
    {
      ...load,
      requestsFor: (i) =>
        purchaseReads(seed, i, (c) => ({ authorization: `Bearer ${c.key}` }), '/v1/purchases'),
    },
    gateway,
    timing,
  );
  const versus = [
    bare && `${percent(authenticated.requestsPerSecond / bare.requestsPerSecond)} of bare read`,
    hello && `${percent(authenticated.requestsPerSecond / hello.requestsPerSecond)} of hello`,
  ];
  rows.push(
    rowOf(`authenticated read, ${label}`, authenticated, versus.filter(Boolean).join('; ') || undefined),
  );
  return rows;
}

export async function createScenarios(
  gateway: RunningServer,
  sandbox: RunningServer,
  seed: Seed,
  options: BenchOptions,
  log: Log,
): Promise<Row[]> {
  await enableTarif(gateway.url, seed.adminKey);
  const timing = {
    repetitions: options.repetitions,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
  };
  const sandboxOrigin = new URL(sandbox.url).origin;
  const direct = (rate?: number) => ({
    url: sandboxOrigin,
    connections: options.connections,
    overallRate: rate,
    requestsFor: (): RequestSpec[] => [
      {
        method: 'POST',
        path: '/v1/purchases/create',
        body: CART,
        headers: {
          authorization: `Bearer ${SANDBOX_TOKEN}`,
          'content-type': 'application/json',
          'accept-language': 'en',
        },
      },
    ],
  });
  const viaGateway = (rate?: number) => ({
    url: gateway.url,
    connections: options.connections,
    overallRate: rate,
    requestsFor: (i: number): RequestSpec[] => [
      {
        method: 'POST',
        path: '/v1/purchases/create',
        body: CART,
        headers: {
          authorization: `Bearer ${seed.customers[i % seed.customers.length].key}`,
          'content-type': 'application/json',
        },
      },
    ],
  });
  const rows: Row[] = [];
  for (const rate of [undefined, options.createRate]) {
    const mode = rate ? `${rate} req/s open loop` : `${options.connections} concurrent, closed loop`;
    log(`POST /v1/purchases/create straight to the sandbox (${mode})`);
    const straight = await measure(direct(rate), sandbox, timing);
    rows.push(rowOf(`create straight to the sandbox, ${mode}`, straight));
    log(`POST /v1/purchases/create through the gateway (${mode})`);
    const through = await measure(viaGateway(rate), gateway, timing);
    const added = `p50 ${signedMs(through.p50 - straight.p50)}, p99 ${signedMs(through.p99 - straight.p99)}; ${percent(through.requestsPerSecond / straight.requestsPerSecond)} of req/s`;
    rows.push(rowOf(`create through the gateway, ${mode}`, through, added));
  }
  return rows;
}

async function enableTarif(gatewayUrl: string, adminKey: string): Promise<void> {
  const response = await fetch(`${gatewayUrl}/v1/admin/tarifs/1`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ enabled: true }),
  });
  if (!response.ok) throw new Error(`Enabling tariff 1 failed: ${response.status} ${await response.text()}`);
}
