import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type RawAxiosRequestHeaders } from 'axios';
import {
  StreamSkillAbortedError,
  StreamSkillError,
  StreamSkillNetworkError,
  StreamSkillTimeoutError,
} from './streamskill.errors';

export interface TransportRequest {
  method: 'GET' | 'POST';
  /** Relative to the base URL (query included), or absolute for probe(). */
  url: string;
  headers: RawAxiosRequestHeaders;
  /** Already-serialised JSON, or undefined for no body at all. */
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Label for errors: "METHOD /path/{template}". */
  endpoint: string;
  /** Drop the body unread (probe). */
  discardBody?: boolean;
}

export interface TransportResponse {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

// Failing with these codes means the connection never opened, so no request bytes left this host.
const NOTHING_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * The only place that touches axios. Status codes are not judged here (every answer resolves);
 * transport failures come out as StreamSkillErrors built from error codes only, never from the
 * axios error, whose config carries the Authorization header.
 */
export class HttpTransport {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly axios: AxiosInstance;

  constructor(baseUrl: string, maxSockets: number) {
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
    this.axios = axios.create({
      baseURL: baseUrl,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      maxRedirects: 0,
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      transformRequest: [(data: unknown) => data],
    });
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    if (request.signal?.aborted) {
      throw new StreamSkillAbortedError({
        endpoint: request.endpoint,
        type: 'aborted',
        message: `StreamSkill ${request.endpoint} aborted by the caller before it was sent`,
        outcome: 'definite',
      });
    }
    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort();
    }, request.timeoutMs);
    const forwardAbort = () => deadline.abort();
    request.signal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      const response = await this.axios.request<unknown>({
        method: request.method,
        url: request.url,
        headers: request.body === undefined ? { ...request.headers, 'Content-Type': false } : request.headers,
        data: request.body,
        signal: deadline.signal,
        responseType: request.discardBody ? 'stream' : 'text',
      });
      if (request.discardBody) (response.data as NodeJS.ReadableStream & { destroy(): void }).destroy();
      const body = typeof response.data === 'string' ? response.data : '';
      return { status: response.status, headers: { ...response.headers }, body };
    } catch (error) {
      throw transportFailure(error, request, timedOut);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', forwardAbort);
    }
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function transportFailure(error: unknown, request: TransportRequest, timedOut: boolean): StreamSkillError {
  const { endpoint, timeoutMs } = request;
  if (timedOut) {
    return new StreamSkillTimeoutError({
      endpoint,
      timeoutMs,
      type: 'timeout',
      message: `StreamSkill ${endpoint} gave no complete answer within ${timeoutMs} ms`,
    });
  }
  if (request.signal?.aborted) {
    return new StreamSkillAbortedError({
      endpoint,
      type: 'aborted',
      message: `StreamSkill ${endpoint} aborted by the caller after it may have been sent`,
    });
  }
  const code = errorCode(error);
  if (code && NOTHING_SENT_CODES.has(code)) {
    return new StreamSkillNetworkError({
      kind: 'unreachable',
      endpoint,
      code,
      type: 'unreachable',
      message: `StreamSkill unreachable for ${endpoint} (${code}); the request was not sent`,
    });
  }
  return new StreamSkillNetworkError({
    kind: 'network',
    endpoint,
    ...(code ? { code } : {}),
    type: 'network_error',
    message: `StreamSkill connection failed during ${endpoint} (${code ?? 'unknown error'})`,
  });
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_NETWORK' && code !== 'ERR_BAD_RESPONSE') {
      return /^[A-Z0-9_]+$/.test(code) ? code : undefined;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
