import http from 'node:http';
import type autocannon from 'autocannon';
import type { LoadResult, LoadSpec } from './load';

const TIMEOUT_MS = 30_000;

/**
 * Open loop at `overallRate`: request n leaves at start + n / rate whatever the answers before it
 * did, taking the connections' request lists in turn, over a keep-alive pool of `connections`
 * sockets. autocannon's `overallRate` is not that: it gives each of `rate` connections one request
 * per second on a one-second timer, so all of them fire together at every tick (a burst of `rate`
 * concurrent requests, then nothing), which measures queueing in a burst rather than the latency
 * of a request arriving alone.
 */
export function runOpenLoop(spec: LoadSpec & { overallRate: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const lists = Array.from({ length: spec.connections }, (_, index) => spec.requestsFor(index));
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let failures = 0;
  let sent = 0;
  const intervalMs = 1000 / spec.overallRate;
  const total = Math.round(spec.durationSeconds * spec.overallRate);
  const start = performance.now();

  return new Promise((resolve) => {
    let answered = 0;
    const finish = () => {
      if (++answered < total) return;
      agent.destroy();
      latencies.sort((a, b) => a - b);
      const seconds = (performance.now() - start) / 1000;
      resolve({
        requestsPerSecond: latencies.length / seconds,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        total,
        failures,
        statuses,
      });
    };
    const sendNext = () => {
      const n = sent++;
      const list = lists[n % lists.length];
      const request = list[Math.floor(n / lists.length) % list.length];
      // Measured from when the request was due, so that a late send (a busy generator) still counts.
      const due = start + n * intervalMs;
      send(spec.url, request, agent, (status) => {
        const key = String(status);
        statuses[key] = (statuses[key] ?? 0) + 1;
        if (status >= 200 && status < 300) latencies.push(performance.now() - due);
        else failures++;
        finish();
      });
      if (sent < total) setTimeout(sendNext, Math.max(0, start + sent * intervalMs - performance.now()));
    };
    sendNext();
  });
}

function send(
  base: string,
  request: autocannon.RequestSpec,
  agent: http.Agent,
  done: (status: number) => void,
): void {
  let answered = false;
  const answer = (status: number) => {
    if (!answered) done(status);
    answered = true;
  };
  const url = new URL(request.path ?? '/', base);
  const headers = {
    ...request.headers,
    ...(request.body ? { 'content-length': Buffer.byteLength(request.body) } : {}),
  };
  const outgoing = http.request(url, {
    method: request.method ?? 'GET',
    headers,
    agent,
    timeout: TIMEOUT_MS,
  });
  outgoing.on('response', (response) => {
    response.resume();
    response.on('end', () => answer(response.statusCode ?? 0));
  });
  outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
  outgoing.on('error', () => answer(0));
  outgoing.end(request.body);
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}
