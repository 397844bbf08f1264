import type { Logger } from '@nestjs/common';
import { BudgetGate } from './budget-gate';
import type { CallObserver, UpstreamCallOutcome } from './call-observer';
import type { HttpTransport, TransportResponse } from './http-transport';
import { interpretResponse } from './interpret-response';
import {
  parseRateLimit,
  parseRetryAfterSeconds,
  type RateLimitObserver,
  type RateLimitSnapshot,
} from './rate-limit';
import type { ResponseShape } from './response-shapes';
import { assertAllowed, assertPositiveId } from './request-guards';
import type { ResolvedStreamSkillClientOptions, StreamSkillReadOptions } from './streamskill-client.options';
import { endpointLabel, fillPath, type EndpointDefinition } from './streamskill.endpoints';
import { isStreamSkillError, StreamSkillRequestError } from './streamskill.errors';

export interface CallSpec {
  endpoint: EndpointDefinition;
  /** Must be positive integers: they are interpolated into the URL. */
  pathParams?: Record<string, number>;
  /** GET /purchases/bulk only; validated by the caller. */
  ids?: readonly number[];
  /** The expand values this endpoint accepts; options.expand is checked against them. */
  expandable?: readonly string[];
  body?: unknown;
  shape: ResponseShape;
  options: StreamSkillReadOptions;
}

/**
 * Sends one call exactly once (no retries: a repeated write can buy twice) once the outbound budget
 * allows it, records the rate-limit headers of whatever came back, and writes one debug line without
 * token or bodies.
 */
export class CallRunner {
  readonly #token: string;
  private readonly settings: Omit<ResolvedStreamSkillClientOptions, 'token'>;
  private readonly budget: BudgetGate;

  constructor(
    { token, ...settings }: ResolvedStreamSkillClientOptions,
    private readonly transport: HttpTransport,
    private readonly rateLimits: RateLimitObserver,
    private readonly logger: Logger,
    private readonly calls?: CallObserver,
  ) {
    this.#token = token;
    this.settings = settings;
    this.budget = new BudgetGate(settings.budget, {
      interactive: settings.budgetWaitMs,
      background: settings.backgroundBudgetWaitMs,
    });
  }

  async run<T>(spec: CallSpec): Promise<T> {
    const endpoint = endpointLabel(spec.endpoint);
    const started = performance.now();
    let sentAt: number | undefined;
    let status: number | undefined;
    let outcome: UpstreamCallOutcome = 'ok';
    try {
      const { url, body } = prepareRequest(spec, endpoint);
      await this.budget.pass(endpoint, spec.options);
      sentAt = performance.now();
      const response = await this.transport.send({
        method: spec.endpoint.method,
        url,
        headers: this.headers(spec),
        ...(body === undefined ? {} : { body }),
        timeoutMs: spec.options.timeoutMs ?? this.defaultTimeout(spec.endpoint),
        ...(spec.options.signal ? { signal: spec.options.signal } : {}),
        endpoint,
      });
      status = response.status;
      const rateLimit = this.recordRateLimit(response, endpoint);
      return interpretResponse<T>(response, {
        endpoint,
        shape: spec.shape,
        token: this.#token,
        now: Date.now(),
        ...(rateLimit ? { rateLimit } : {}),
      });
    } catch (error) {
      outcome = isStreamSkillError(error) ? error.kind : 'failed';
      throw error;
    } finally {
      const ended = performance.now();
      const result = status ?? outcome;
      this.logger.debug(`${endpoint} -> ${result} in ${Math.round(ended - started)} ms`);
      this.calls?.record({
        endpoint,
        outcome,
        ...(status === undefined ? {} : { status }),
        priority: spec.options.priority ?? 'interactive',
        sent: sentAt !== undefined,
        budgetWaitMs: (sentAt ?? ended) - started,
        durationMs: sentAt === undefined ? 0 : ended - sentAt,
      });
    }
  }

  private headers(spec: CallSpec): Record<string, string> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': spec.options.language ?? this.settings.language,
      Authorization: `Bearer ${this.#token}`,
      'User-Agent': this.settings.userAgent,
    };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    return headers;
  }

  private defaultTimeout(endpoint: EndpointDefinition): number {
    return endpoint.kind === 'read' ? this.settings.readTimeoutMs : this.settings.writeTimeoutMs;
  }

  private recordRateLimit(response: TransportResponse, endpoint: string): RateLimitSnapshot | undefined {
    const { status, headers } = response;
    const now = Date.now();
    const snapshot = parseRateLimit(headers, { endpoint, status, now });
    if (snapshot) this.rateLimits.record(snapshot);
    // A 429 without X-Rate-Limit-* headers must still reach the budget, or nothing would back off.
    else if (status === 429) this.rateLimits.record(bareRateLimit(headers, { endpoint, now }));
    return snapshot;
  }
}

function bareRateLimit(
  headers: Record<string, unknown>,
  { endpoint, now }: { endpoint: string; now: number },
): RateLimitSnapshot {
  const resetSeconds = parseRetryAfterSeconds(headers, undefined, now);
  return { observedAt: now, endpoint, status: 429, ...(resetSeconds !== undefined ? { resetSeconds } : {}) };
}

/** Checks what the caller controls and builds URL and body; nothing is sent when this throws. */
function prepareRequest(spec: CallSpec, endpoint: string): { url: string; body?: string } {
  for (const [name, value] of Object.entries(spec.pathParams ?? {})) assertPositiveId(endpoint, name, value);
  const expand = spec.options.expand ?? [];
  assertAllowed(endpoint, 'expand', expand, spec.expandable ?? []);
  const query = [
    ...(spec.ids ? [`ids=${spec.ids.join(',')}`] : []),
    ...(expand.length ? [`expand=${expand.join(',')}`] : []),
  ];
  const url =
    fillPath(spec.endpoint.path, spec.pathParams ?? {}) + (query.length ? `?${query.join('&')}` : '');
  if (spec.body === undefined) return { url };
  try {
    return { url, body: JSON.stringify(spec.body) };
  } catch {
    throw new StreamSkillRequestError({
      endpoint,
      type: 'invalid_request',
      message: `StreamSkill ${endpoint} not sent: the body cannot be serialised as JSON`,
    });
  }
}
