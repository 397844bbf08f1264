/**
 * [REDIS_URL=redis://...] node -r @swc-node/register bench/throttler-storage.ts [seconds per run, default 3]
 *
 * Hits per second of the gateway's MemoryThrottlerStorage against @nestjs/throttler's default
 * ThrottlerStorageService, in the same process, on the same workloads; prints the ratio.
 * With REDIS_URL, also a request's burst + sustained windows on Redis: two `increment` calls one
 * after the other (the guard before) against one `hitAll` call (the guard now); prints the ratio.
 */
import { randomUUID } from 'node:crypto';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageService } from '@nestjs/throttler';
import Redis from 'ioredis';
import { MemoryThrottlerStorage } from '../apps/gateway/src/rate-limit/storage/memory-throttler.storage';
import type { CounterWindow } from '../apps/gateway/src/rate-limit/storage/multi-window-storage';
import { RedisThrottlerStorage } from '../apps/gateway/src/rate-limit/storage/redis-throttler.storage';

interface Workload {
  name: string;
  keys: number;
  ttlMs: number;
  limit: number;
}

const WORKLOADS: Workload[] = [
  { name: '100 customers, 600/min plan (most hits refused)', keys: 100, ttlMs: 60_000, limit: 600 },
  { name: '100 customers, limit never reached, 60 s window', keys: 100, ttlMs: 60_000, limit: 1e9 },
  { name: '10,000 keys, 30/s burst window', keys: 10_000, ttlMs: 1_000, limit: 30 },
];

interface Result {
  hitsPerSecond: number;
  /** Hits/s in the last second of the run: a falling figure means the cost per hit grows. */
  lastSecond: number;
}

async function run(storage: ThrottlerStorage, workload: Workload, seconds: number): Promise<Result> {
  const keys = Array.from({ length: workload.keys }, (_, index) => `sustained:c:${index}`);
  const startedAt = performance.now();
  const endsAt = startedAt + seconds * 1000;
  let hits = 0;
  let lastSecondStart = endsAt - 1000;
  let hitsBeforeLastSecond = -1;
  for (let now = startedAt; now < endsAt; now = performance.now()) {
    // Batches between clock reads: reading the clock every hit would dominate the fast storage.
    for (let batch = 0; batch < 256; batch++, hits++) {
      await storage.increment(
        keys[hits % keys.length],
        workload.ttlMs,
        workload.limit,
        workload.ttlMs,
        'sustained',
      );
    }
    if (hitsBeforeLastSecond < 0 && now >= lastSecondStart) {
      hitsBeforeLastSecond = hits;
      lastSecondStart = now;
    }
  }
  const elapsed = (performance.now() - startedAt) / 1000;
  const lastElapsed = (performance.now() - lastSecondStart) / 1000;
  return {
    hitsPerSecond: hits / elapsed,
    lastSecond: (hits - Math.max(0, hitsBeforeLastSecond)) / lastElapsed,
  };
}

const whole = (value: number) => Math.round(value).toLocaleString('en-US');

/** A request's windows on Redis, counted by two calls in a row or by one; never refused, so always written. */
type RequestCount = (storage: RedisThrottlerStorage, windows: readonly CounterWindow[]) => Promise<unknown>;

const twoIncrements: RequestCount = async (storage, windows) => {
  for (const { key, ttl, limit, name } of windows) await storage.increment(key, ttl, limit, ttl, name);
};
const oneHitAll: RequestCount = (storage, windows) => storage.hitAll(windows);

interface RequestsResult {
  requestsPerSecond: number;
  /** This process's CPU per request (the client side: the gateway's share of the cost). */
  cpuMicrosPerRequest: number;
}

async function runRequests(
  storage: RedisThrottlerStorage,
  count: RequestCount,
  inFlight: number,
  seconds: number,
): Promise<RequestsResult> {
  const customers = Array.from({ length: 100 }, (_, index): CounterWindow[] => [
    { key: `burst:c:${index}`, ttl: 1_000, limit: 1e9, name: 'burst' },
    { key: `sustained:c:${index}`, ttl: 60_000, limit: 1e9, name: 'sustained' },
  ]);
  const startedAt = performance.now();
  const cpuBefore = process.cpuUsage();
  const endsAt = startedAt + seconds * 1000;
  let requests = 0;
  const worker = async () => {
    while (performance.now() < endsAt) await count(storage, customers[requests++ % customers.length]);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  return {
    requestsPerSecond: requests / ((performance.now() - startedAt) / 1000),
    cpuMicrosPerRequest: (cpu.user + cpu.system) / requests,
  };
}

async function redisRows(url: string, seconds: number): Promise<string[]> {
  const client = new Redis(url, { maxRetriesPerRequest: 0 });
  // Keys of the run's own, which expire within a minute of it.
  const storage = new RedisThrottlerStorage(client, `bench:throttler:${randomUUID()}:`);
  const rows = [
    '| requests in flight | two `increment`: requests/s (µs per request, CPU µs) | one `hitAll`: requests/s (µs per request, CPU µs) | ratio |',
    '|---|---|---|---|',
  ];
  try {
    for (const inFlight of [1, 50]) {
      // Interleaved twice, so that a change in the machine's load weighs on both alike.
      const two: RequestsResult[] = [];
      const one: RequestsResult[] = [];
      for (let round = 0; round < 2; round++) {
        two.push(await runRequests(storage, twoIncrements, inFlight, seconds / 2));
        one.push(await runRequests(storage, oneHitAll, inFlight, seconds / 2));
      }
      const before = mean(two);
      const after = mean(one);
      rows.push(
        `| ${inFlight} | ${describeRequests(before, inFlight)} | ${describeRequests(after, inFlight)} | ` +
          `${(after.requestsPerSecond / before.requestsPerSecond).toFixed(2)}x |`,
      );
    }
  } finally {
    client.disconnect();
  }
  return rows;
}

function mean(results: RequestsResult[]): RequestsResult {
  const average = (pick: (result: RequestsResult) => number) =>
    results.reduce((sum, result) => sum + pick(result), 0) / results.length;
  return {
    requestsPerSecond: average((result) => result.requestsPerSecond),
    cpuMicrosPerRequest: average((result) => result.cpuMicrosPerRequest),
  };
}

function describeRequests(
  { requestsPerSecond, cpuMicrosPerRequest }: RequestsResult,
  inFlight: number,
): string {
  const microsPerRequest = (inFlight * 1e6) / requestsPerSecond;
  return `${whole(requestsPerSecond)} (${whole(microsPerRequest)}, ${whole(cpuMicrosPerRequest)})`;
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 3);
  const rows = ['| workload | ours hits/s | default hits/s (last second) | ratio |', '|---|---|---|---|'];
  for (const workload of WORKLOADS) {
    const ours = await run(new MemoryThrottlerStorage(), workload, seconds);
    const stock = new ThrottlerStorageService();
    const theirs = await run(stock, workload, seconds);
    stock.onApplicationShutdown();
    rows.push(
      `| ${workload.name} | ${whole(ours.hitsPerSecond)} | ${whole(theirs.hitsPerSecond)} (${whole(theirs.lastSecond)}) | ` +
        `${(ours.hitsPerSecond / theirs.hitsPerSecond).toFixed(1)}x |`,
    );
  }
  process.stdout.write(
    `MemoryThrottlerStorage vs @nestjs/throttler ThrottlerStorageService, ${seconds} s per run, one process\n` +
      `${rows.join('\n')}\n`,
  );
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) return;
  const redis = await redisRows(redisUrl, seconds);
  process.stdout.write(
    `\nA request's burst + sustained windows on Redis (${redisUrl}), 100 customers, ${seconds} s per row\n` +
      `${redis.join('\n')}\n`,
  );
}

void main();
