import type { CpuMeter, CpuUse } from './cpu-meter';
import { runLoad, type LoadResult, type LoadSpec } from './load';
import type { RunningServer } from './processes';

export interface MeasureOptions {
  repetitions: number;
  durationSeconds: number;
  warmupSeconds: number;
}

export interface Measurement extends LoadResult {
  /** Largest RSS of the measured server seen during the runs, in bytes. */
  peakRss: number;
  /** Requests/s of every repetition, to show the spread. */
  runs: number[];
  /** CPU microseconds per request of each process group, in the reported run. */
  cpuPerRequest: CpuUse;
}

/**
 * A warm-up, then `repetitions` runs; reports the run with the median throughput (its latencies
 * and CPU with it, so that the figures of one row come from one run), and the peak RSS of `server`.
 */
export async function measure(
  spec: Omit<LoadSpec, 'durationSeconds'>,
  server: RunningServer,
  cpu: CpuMeter,
  options: MeasureOptions,
): Promise<Measurement> {
  await prime(spec);
  if (options.warmupSeconds > 0) await runLoad({ ...spec, durationSeconds: options.warmupSeconds });
  let peakRss = server.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.rss())), 250);
  try {
    const results: (LoadResult & { cpuPerRequest: CpuUse })[] = [];
    for (let run = 0; run < options.repetitions; run++) {
      const stop = await cpu.start();
      const result = await runLoad({ ...spec, durationSeconds: options.durationSeconds });
      const use = await stop();
      const perRequest = Object.fromEntries(
        Object.entries(use).map(([group, seconds]) => [group, (seconds * 1e6) / Math.max(1, result.total)]),
      );
      results.push({ ...result, cpuPerRequest: perRequest });
    }
    const ordered = [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
    const median = ordered[Math.floor((ordered.length - 1) / 2)];
    return { ...median, peakRss, runs: results.map((result) => result.requestsPerSecond) };
  } finally {
    clearInterval(sampler);
  }
}

/** One request of each connection, one at a time: fills the caches (keys, plans) before the load. */
async function prime(spec: Omit<LoadSpec, 'durationSeconds'>): Promise<void> {
  for (let index = 0; index < spec.connections; index++) {
    const [request] = spec.requestsFor(index);
    const response = await fetch(`${spec.url}${request.path ?? '/'}`, {
      method: request.method ?? 'GET',
      headers: request.headers,
      body: request.body,
    });
    await response.arrayBuffer();
  }
}
