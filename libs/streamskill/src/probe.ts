import type { HttpTransport } from './http-transport';

export interface ProbeResult {
  reachable: boolean;
  status?: number;
  latencyMs: number;
}

/** Any HTTP status means something answers; only transport failures count as unreachable. */
export async function probeOrigin(
  transport: HttpTransport,
  url: string,
  timeoutMs: number,
): Promise<ProbeResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const response = await transport.send({
      method: 'GET',
      url,
      headers: { Accept: '*/*' },
      timeoutMs,
      endpoint: 'GET /',
      discardBody: true,
    });
    return { reachable: true, status: response.status, latencyMs: latency() };
  } catch {
    return { reachable: false, latencyMs: latency() };
  }
}
