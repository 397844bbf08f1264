import { request } from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent as is: no URL normalisation, so `..` segments reach the gateway. */
  path: string;
  /** An array sends the header once per value. */
  headers: Record<string, string | string[]>;
  body?: string;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One request over a fresh connection (a refused request may close it), failing after `timeoutMs`
 * so that a hang is a test failure and not a stuck suite.
 */
export function sendRaw(baseUrl: string, raw: RawRequest, timeoutMs = 10_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      outgoing.destroy();
      reject(new Error(`${raw.method} ${raw.path.slice(0, 200)}: no answer within ${timeoutMs} ms (hang)`));
    }, timeoutMs);
    const outgoing = request(
      { host: hostname, port, method: raw.method, path: raw.path, headers: raw.headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      // The gateway may answer and close before reading a body it refuses: wait for that answer.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return;
      clearTimeout(timer);
      reject(error);
    });
    // Node sends a DELETE body with no length at all, which a server must read as no body.
    const framed = outgoing.hasHeader('content-length') || outgoing.hasHeader('transfer-encoding');
    if (raw.body !== undefined && !framed) outgoing.setHeader('content-length', Buffer.byteLength(raw.body));
    outgoing.end(raw.body);
  });
}
