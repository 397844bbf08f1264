/**
 * node -r @swc-node/register bench/throttler-storage.ts [seconds per run, default 3]
 *
 * Hits per second of the gateway's MemoryThrottlerStorage against @nestjs/throttler's default
 * ThrottlerStorageService, in the same process, on the same workloads; prints the ratio.
 */
import type { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { MemoryThrottlerStorage } from '../apps/gateway/src/rate-limit/storage/memory-throttler.storage';

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
}

void main();
