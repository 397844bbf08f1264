import { SandboxControl } from '@app/sandbox/control/sandbox-control';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '@app/sandbox/sandbox';
import { validateUpstreamRequest, validateUpstreamResponse } from '../../support/openapi-contract';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as-is instead of JSON.stringify(body). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Bearer token; null sends no Authorization header. Default: the sandbox token. */
  token?: string | null;
  /** What the contract validator must say about this request (default 'valid'). */
  request?: 'valid' | 'invalid' | 'skip';
  /** Skip response validation (for deliberately broken answers). */
  skipResponseContract?: boolean;
}

/** Test-side view of one running sandbox: real HTTP, every exchange checked against the OpenAPI contract. */
export class SandboxApi {
  readonly control: SandboxControl;
  /** "METHOD status template-or-path" of every exchange, for coverage checks. */
  readonly exchanges: { method: string; path: string; status: number }[] = [];

  private constructor(readonly sandbox: RunningSandbox) {
    this.control = new SandboxControl(sandbox);
  }

  static async start(options: Partial<SandboxOptions> = {}): Promise<SandboxApi> {
    return new SandboxApi(await startSandbox({ rateLimit: false, ...options }));
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }

  get<T = unknown>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, options);
  }

  post<T = unknown>(path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, { ...options, body });
  }

  /** POST /purchases/create that must succeed; returns the purchase. */
  async createPurchase(cart: Record<string, unknown>): Promise<Purchase> {
    const response = await this.post<Purchase>('/purchases/create', cart);
    if (response.status !== 200) throw new Error(`create failed: ${response.status} ${response.text}`);
    return response.body;
  }

  /** `path` is relative to /v1, e.g. "/purchases/12/start?expand=tarif". */
  async request<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const token = options.token === undefined ? this.sandbox.token : options.token;
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const payload =
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    this.checkRequest(method, path, headers, options);
    const response = await fetch(`${this.sandbox.url}${path}`, { method, headers, body: payload });
    const text = await response.text();
    const body = (text ? safeJson(text) : undefined) as T;
    this.exchanges.push({ method, path: path.split('?')[0], status: response.status });
    if (!options.skipResponseContract) {
      const problems = validateUpstreamResponse(method, path, response.status, body);
      if (problems.length) throw new Error(`Response breaks the contract:\n${problems.join('\n')}\n${text}`);
    }
    return { status: response.status, headers: response.headers, body, text };
  }

  private checkRequest(
    method: string,
    path: string,
    headers: Record<string, string>,
    options: RequestOptions,
  ) {
    const expectation = options.request ?? 'valid';
    if (expectation === 'skip') return;
    const body = options.rawBody === undefined ? options.body : undefined;
    const problems = validateUpstreamRequest(method, path, { headers, body });
    if (expectation === 'valid' && problems.length) {
      throw new Error(`Test sends a request that breaks the contract:\n${problems.join('\n')}`);
    }
    if (expectation === 'invalid' && !problems.length) {
      throw new Error(`Expected the contract to reject ${method} ${path} ${JSON.stringify(options.body)}`);
    }
  }
}

export interface Purchase {
  id: number;
  price: number;
  currency: string;
  created_at: number;
  order_type: string;
  channel: string;
  status: string;
  service: string;
  parent: boolean;
  api: boolean;
  chatbot: boolean;
  tarif: number;
  expanded?: Record<string, unknown>;
}

export interface Envelope {
  name: string;
  message: string;
  code: number;
  status: number;
  type: string;
  errors?: Record<string, string[]>;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Polls until `check` passes (no fixed sleeps; the deadline only guards against hangs). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
