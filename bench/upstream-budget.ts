/**
 * npm run bench:upstream: what a mixed customer workload costs in StreamSkill requests, with the
 * outbound budget and the sandbox enforcing StreamSkill's bucket (30 burst, 2/s).
 * Prints upstream calls per 1,000 customer requests (against a pass-through gateway, which forwards
 * each one) and the share of customer reads answered without an upstream call, from the sandbox's
 * request counters. DATABASE_URL: a scratch database on that server (else embedded PostgreSQL);
 * REDIS_URL: the Redis budget (else the PostgreSQL one).
 * BENCH_REQUESTS (1000), BENCH_RATE (requests per second, 40), BENCH_CREATE_SHARE (0.04),
 * BENCH_CUSTOMERS (10).
 */
import { randomUUID } from 'node:crypto';
import { startBenchWorld, type BenchWorld } from './upstream-budget/world';
import { planRequests, runWorkload, type Answer, type Customer } from './upstream-budget/workload';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 40);
const CREATE_SHARE = Number(process.env.BENCH_CREATE_SHARE ?? 0.04);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10);
const STATUS_SYNC_MS = 2_000;

const out = (line = '') => process.stdout.write(`${line}\n`);

async function admin(world: BenchWorld, method: string, path: string, body: unknown): Promise<any> {
  const response = await fetch(`${world.gatewayUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${world.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function newCustomer(world: BenchWorld): Promise<Customer> {
  const customer = await admin(world, 'POST', '/v1/admin/customers', { name: `bench-${randomUUID()}` });
  await admin(world, 'POST', `/v1/admin/customers/${customer.id}/ledger`, {
    type: 'credit',
    amount: '100000.00',
    reason: 'bench',
  });
  const issued = await admin(world, 'POST', `/v1/admin/customers/${customer.id}/keys`, { name: 'bench' });
  return { key: issued.key, purchases: [] };
}

async function snapshot(world: BenchWorld) {
  const { counters } = await world.sandbox.state();
  return { ...counters, budget: world.stats.snapshot() };
}

function report(answers: Answer[], before: Snapshot, after: Snapshot, backend: string): void {
  const reads = answers.filter((answer) => answer.kind !== 'create');
  const byEndpoint = Object.entries(after.requests.byEndpoint).map(
    ([endpoint, count]) => [endpoint, count - (before.requests.byEndpoint[endpoint] ?? 0)] as const,
  );
  const upstream = after.requests.total - before.requests.total;
  const background = after.budget.granted.background - before.budget.granted.background;
  const upstreamReads = byEndpoint
    .filter(([endpoint]) => endpoint.startsWith('GET '))
    .reduce((n, [, c]) => n + c, 0);
  // Admins are idle during the run: an interactive GET upstream could only come from a customer read.
  const readsUpstream = Math.max(0, upstreamReads - background);
  const perThousand = (upstream / answers.length) * 1000;

  out(`Upstream budget benchmark (${backend} budget, sandbox with StreamSkill's 30 burst, 2/s)`);
  out(`customer requests: ${answers.length} at ${RATE}/s (${CUSTOMERS} customers)`);
  for (const kind of new Set(answers.map((answer) => answer.kind))) {
    const ofKind = answers.filter((answer) => answer.kind === kind);
    const statuses: Record<number, number> = {};
    for (const { status } of ofKind) statuses[status] = (statuses[status] ?? 0) + 1;
    out(`  ${kind.padEnd(14)} ${String(ofKind.length).padStart(5)}  ${JSON.stringify(statuses)}`);
  }
  out(`upstream calls: ${upstream} (${background} by background jobs)`);
  for (const [endpoint, count] of byEndpoint) if (count) out(`  ${endpoint.padEnd(32)} ${count}`);
  out(`upstream 429s: ${after.rateLimited - before.rateLimited}`);
  out();
  out(`upstream calls per 1,000 customer requests: ${perThousand.toFixed(1)}`);
  out(
    `  pass-through baseline (every request forwarded): 1000.0, i.e. ${(1000 / perThousand).toFixed(1)}x more`,
  );
  out(
    `customer reads answered without an upstream call: ${(100 * (1 - readsUpstream / reads.length)).toFixed(1)}% (${reads.length - readsUpstream} of ${reads.length})`,
  );
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

async function main(): Promise<void> {
  const world = await startBenchWorld({ statusSyncMs: STATUS_SYNC_MS });
  try {
    await admin(world, 'PUT', '/v1/admin/tarifs/1', { enabled: true });
    const customers = await Promise.all(Array.from({ length: CUSTOMERS }, () => newCustomer(world)));
    const before = await snapshot(world);
    const answers = await runWorkload(
      world.gatewayUrl,
      customers,
      planRequests(REQUESTS, CREATE_SHARE),
      RATE,
    );
    report(answers, before, await snapshot(world), world.backend);
  } finally {
    await world.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
