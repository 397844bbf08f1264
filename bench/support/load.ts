import autocannon from 'autocannon';
import { runOpenLoop } from './open-loop';

export interface LoadSpec {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Open loop at this many requests per second over all connections; closed loop when unset. */
  overallRate?: number;
  /** The requests connection `index` sends, over and over. */
  requestsFor(index: number): autocannon.RequestSpec[];
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Latency of successful (2xx) answers, in milliseconds. */
  p50: number;
  p99: number;
  total: number;
  /** Non-2xx answers, errors and timeouts: a run with failures is reported, not trusted. */
  failures: number;
  statuses: Record<string, number>;
}

/**
 * One run in this process: autocannon for a closed loop, `runOpenLoop` at a fixed rate. Latencies are
 * recorded here from every response (autocannon's own histogram keeps whole milliseconds, too coarse
 * for a 1 ms read).
 */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  if (spec.overallRate) return runOpenLoop({ ...spec, overallRate: spec.overallRate });
  const latencies: number[] = [];
  let connection = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.durationSeconds,
        timeout: 30,
        ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
        setupClient: (client) => client.setRequests(spec.requestsFor(connection++)),
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        const statuses = Object.fromEntries(
          Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
        );
        resolve({
          requestsPerSecond: result.requests.total / result.duration,
          p50: percentile(latencies, 0.5),
          p99: percentile(latencies, 0.99),
          total: result.requests.total,
          failures: result.non2xx + result.errors + result.timeouts,
          statuses,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}
