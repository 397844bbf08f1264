import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query as received, e.g. "/v1/purchases?expand=tarif". */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type ScriptedHandler = (request: RecordedRequest, response: ServerResponse, socket: Socket) => void;

/**
 * A tiny node:http stand-in for StreamSkill, for unit tests: it records every request and answers
 * with whatever the test scripted (JSON, raw text, silence, a reset connection).
 */
export class ScriptedUpstream {
  readonly requests: RecordedRequest[] = [];
  private handler: ScriptedHandler = (_request, response) => json(response, 200, {});
  private readonly server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(recorded);
      this.handler(recorded, res, req.socket);
    });
  });

  static async start(): Promise<ScriptedUpstream> {
    const upstream = new ScriptedUpstream();
    await new Promise<void>((resolve) => upstream.server.listen(0, '127.0.0.1', resolve));
    return upstream;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** What the client is configured with: the origin plus the version prefix. */
  get baseUrl(): string {
    return `${this.origin}/v1`;
  }

  get lastRequest(): RecordedRequest {
    const last = this.requests.at(-1);
    if (!last) throw new Error('no request reached the scripted upstream');
    return last;
  }

  respondWith(handler: ScriptedHandler): void {
    this.handler = handler;
  }

  reply(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.handler = (_request, response) => json(response, status, body, headers);
  }

  replyRaw(status: number, text: string, headers: Record<string, string> = {}): void {
    this.handler = (_request, response) => {
      response.writeHead(status, { 'Content-Type': 'text/plain', ...headers });
      response.end(text);
    };
  }

  /** Reads the request and never answers. */
  hang(): void {
    this.handler = () => undefined;
  }

  /** Reads the request, then drops the connection without a response. */
  resetConnection(): void {
    this.handler = (_request, _response, socket) => socket.destroy();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', ...headers });
  response.end(JSON.stringify(body));
}

/** A loopback port nothing listens on (bound, then released). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const SAMPLE_PURCHASE = {
  id: 1,
  price: 10,
  currency: 'usd',
  created_at: 1640000000,
  order_type: 'twitch_viewers',
  channel: 'twitch',
  status: 'created',
  service: 'twitch',
  parent: false,
  api: true,
  chatbot: false,
  tarif: 1,
};
