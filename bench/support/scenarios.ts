import type autocannon from 'autocannon';
import { BENCH_CUSTOMER_HEADER } from '../baseline/bench-customer-header';
import { SANDBOX_TOKEN } from '../servers/sandbox-token';
import type { CpuMeter } from './cpu-meter';
import { measure, type MeasureOptions, type Measurement } from './measure';
import type { BenchOptions } from './options';
import type { RunningServer } from './processes';
import type { Seed, SeededCustomer } from './seed';
import { mb, percent, signedMs, type Row } from './table';

type Requests = autocannon.RequestSpec[];
type Log = (line: string) => void;

const CART = JSON.stringify({ tarif: { id: 1, quantity: 100, duration: 1 }, channel: 'bench' });

export interface ScenarioContext {
  seed: Seed;
  options: BenchOptions;
  cpu: CpuMeter;
  log: Log;
  /** req/s of the plain Nest + Fastify route in this run (the machine's calibration), when measured. */
  plainRoute?: number;
}

/** req/s of the plain Nest + Fastify route on an idle machine of this kind (../shared/notes). */
export const NOTES_PLAIN_ROUTE = 77_000;

/** The calibration row: a plain Nest + Fastify app, separate process, no hooks, no logger. */
export async function plainRouteScenario(plain: RunningServer, { options, cpu, log }: ScenarioContext) {
  log('GET /hello on a plain NestJS + Fastify app');
  const load = { url: plain.url, connections: options.connections };
  const result = await measure(
    { ...load, requestsFor: () => [{ method: 'GET', path: '/hello' }] },
    plain,
    cpu,
    timingOf(options),
  );
  const speed = `${percent(result.requestsPerSecond / NOTES_PLAIN_ROUTE)} of the notes' ${NOTES_PLAIN_ROUTE}`;
  return { result, row: rowOf('plain NestJS + Fastify route (machine calibration)', result, 'plain', speed) };
}

/** "≈ N req/s on the notes' machine": a figure scaled by how fast the plain route ran in this run. */
const scaled = (requestsPerSecond: number, plainRoute: number | undefined) =>
  plainRoute
    ? `≈ ${Math.round((requestsPerSecond * NOTES_PLAIN_ROUTE) / plainRoute / 100) * 100} req/s scaled`
    : undefined;

const timingOf = ({ repetitions, durationSeconds, warmupSeconds }: BenchOptions): MeasureOptions => ({
  repetitions,
  durationSeconds,
  warmupSeconds,
});

function rowOf(scenario: string, result: Measurement, serverGroup: string, comparison?: string): Row {
  const spread =
    result.runs.length > 1 ? `runs ${result.runs.map((rps) => Math.round(rps)).join('/')}; ` : '';
  const failed = result.failures ? `; ${result.failures} failed ${JSON.stringify(result.statuses)}` : '';
  return {
    scenario,
    requestsPerSecond: result.requestsPerSecond,
    p50: result.p50,
    p99: result.p99,
    serverCpu: result.cpuPerRequest[serverGroup],
    databaseCpu: result.cpuPerRequest.postgres,
    comparison,
    note: `${spread}peak RSS ${mb(result.peakRss)}${failed}`,
  };
}

/** Connection i reads the purchases of customer i: one customer per connection. */
function reads(seed: Seed, prefix: string, headers: (customer: SeededCustomer) => Record<string, string>) {
  return (index: number): Requests => {
    const customer = seed.customers[index % seed.customers.length];
    return customer.purchaseIds.map((id) => ({
      method: 'GET',
      path: `${prefix}/${id}`,
      headers: headers(customer),
    }));
  };
}

/** The CPU cost ratio: how many of `cheap`'s requests one of `costly`'s CPU pays for, inverted. */
const cpuRatio = (costly: Measurement, cheap: Measurement) =>
  percent(cheap.cpuPerRequest.gateway / costly.cpuPerRequest.gateway);

export async function readScenarios(
  gateway: RunningServer,
  { seed, options, cpu, log, plainRoute }: ScenarioContext,
  label: string,
  { withBaselines = true } = {},
): Promise<Row[]> {
  const load = { url: gateway.url, connections: options.connections };
  const run = (requestsFor: (index: number) => Requests) =>
    measure({ ...load, requestsFor }, gateway, cpu, timingOf(options));
  const rows: Row[] = [];
  let hello: Measurement | undefined;
  let bare: Measurement | undefined;
  if (withBaselines && options.only.has('hello')) {
    log('GET /v1/bench/hello');
    hello = await run(() => [{ method: 'GET', path: '/v1/bench/hello' }]);
    rows.push(rowOf('bare "hello" route (adapter ceiling)', hello, 'gateway'));
  }
  if (withBaselines && options.only.has('bare-read')) {
    log('GET /v1/bench/purchases/:id');
    bare = await run(
      reads(seed, '/v1/bench/purchases', (customer) => ({ [BENCH_CUSTOMER_HEADER]: customer.id })),
    );
    const versusHello = hello && `${percent(bare.requestsPerSecond / hello.requestsPerSecond)} of hello`;
    rows.push(rowOf('bare same-read route (no key, throttle, audit)', bare, 'gateway', versusHello));
  }
  if (!options.only.has('auth-read')) return rows;
  log(`GET /v1/purchases/:id (${label})`);
  const authenticated = await run(
    reads(seed, '/v1/purchases', (customer) => ({ authorization: `Bearer ${customer.key}` })),
  );
  const versus = [
    bare &&
      `${percent(authenticated.requestsPerSecond / bare.requestsPerSecond)} of bare read ` +
        `(CPU: ${cpuRatio(authenticated, bare)})`,
    hello && `${percent(authenticated.requestsPerSecond / hello.requestsPerSecond)} of hello`,
    scaled(authenticated.requestsPerSecond, plainRoute),
  ].filter(Boolean);
  rows.push(rowOf(`authenticated read, ${label}`, authenticated, 'gateway', versus.join('; ') || undefined));
  return rows;
}

export async function createScenarios(
  gateway: RunningServer,
  sandbox: RunningServer,
  { seed, options, cpu, log }: ScenarioContext,
): Promise<Row[]> {
  await enableTarif(gateway.url, seed.adminKey);
  const json = { 'content-type': 'application/json' };
  const straight = (overallRate?: number) => ({
    url: new URL(sandbox.url).origin,
    connections: options.connections,
    overallRate,
    requestsFor: (): Requests => [
      {
        method: 'POST',
        path: '/v1/purchases/create',
        body: CART,
        headers: { ...json, authorization: `Bearer ${SANDBOX_TOKEN}`, 'accept-language': 'en' },
      },
    ],
  });
  const through = (overallRate?: number) => ({
    url: gateway.url,
    connections: options.connections,
    overallRate,
    requestsFor: (index: number): Requests => {
      const customer = seed.customers[index % seed.customers.length];
      return [
        {
          method: 'POST',
          path: '/v1/purchases/create',
          body: CART,
          headers: { ...json, authorization: `Bearer ${customer.key}` },
        },
      ];
    },
  });
  const rows: Row[] = [];
  for (const rate of [undefined, options.createRate]) {
    const mode = rate ? `${rate} req/s open loop` : `${options.connections} concurrent`;
    log(`POST /v1/purchases/create straight to the sandbox (${mode})`);
    const direct = await measure(straight(rate), sandbox, cpu, timingOf(options));
    rows.push(rowOf(`create straight to the sandbox, ${mode}`, direct, 'sandbox'));
    log(`POST /v1/purchases/create through the gateway (${mode})`);
    const proxied = await measure(through(rate), gateway, cpu, timingOf(options));
    const added =
      `adds p50 ${signedMs(proxied.p50 - direct.p50)}, p99 ${signedMs(proxied.p99 - direct.p99)}; ` +
      `${percent(proxied.requestsPerSecond / direct.requestsPerSecond)} of req/s`;
    rows.push(rowOf(`create through the gateway, ${mode}`, proxied, 'gateway', added));
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
