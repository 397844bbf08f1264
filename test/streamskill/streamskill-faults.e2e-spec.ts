import { inspect } from 'node:util';
import type { FaultRule } from '@app/sandbox/sandbox';
import {
  StreamSkillHttpError,
  StreamSkillMalformedResponseError,
  StreamSkillNetworkError,
  StreamSkillRateLimitError,
  StreamSkillTimeoutError,
  type CartObject,
} from '@app/streamskill';
import { sandboxWithClient, type SandboxWithClient } from './support/sandbox-client';

const CART: CartObject = { tarif: { id: 1, quantity: 100, duration: 1 }, channel: 'twitch' };
const TOKEN = 'sk_e2e_faults_9f8e7d6c5b4a';
const ON_CREATE = { method: 'POST', path: '/v1/purchases/create', times: 1 } as const;

/** Each sandbox fault, injected on create (the call where a wrong guess costs money), and how the client classifies it. */
describe('StreamSkillClient classification of sandbox faults', () => {
  let env: SandboxWithClient;
  const create = (timeoutMs = 5_000) => env.client.createPurchase(CART, { timeoutMs });
  /** The error of a call that must fail, checked on the way for any trace of the token. */
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => Promise.reject(new Error('expected the call to fail')),
      (e: unknown) => e,
    );
    expect(`${JSON.stringify(error)} ${inspect(error, { depth: 10, showHidden: true })}`).not.toContain(
      TOKEN,
    );
    return error;
  };
  const inject = (rule: FaultRule) => env.control.setFaults({ ...ON_CREATE, ...rule });
  const recorded = async () => (await env.control.state()).purchases.length;

  beforeAll(async () => (env = await sandboxWithClient({ token: TOKEN })));
  afterAll(async () => env.close());
  beforeEach(async () => {
    await env.control.reset();
    await env.control.clearFaults();
  });

  it('latency within the deadline is just a slower success', async () => {
    await inject({ latencyMs: 50 });
    await expect(create()).resolves.toMatchObject({ id: expect.any(Number) });
  });

  it('latency beyond the deadline is an ambiguous timeout', async () => {
    await inject({ latencyMs: 1_500 });
    const error = await failure(create(100));
    expect(error).toBeInstanceOf(StreamSkillTimeoutError);
    expect(error).toMatchObject({ kind: 'timeout', outcome: 'ambiguous', timeoutMs: 100 });
  });

  it('a request that is never answered is an ambiguous timeout', async () => {
    await inject({ timeout: true });
    expect(await failure(create(200))).toMatchObject({ kind: 'timeout', outcome: 'ambiguous' });
  });

  it.each([500, 502, 503])('a %s is ambiguous', async (status) => {
    await inject({ errorRate: { [status]: 1 } });
    const error = await failure(create());
    expect(error).toBeInstanceOf(StreamSkillHttpError);
    expect(error).toMatchObject({ status, outcome: 'ambiguous', type: expect.stringMatching(/exception$/) });
  });

  it.each([
    [401, 'unauthorized_http_exception', 'Unauthorized'],
    [402, 'insufficient_funds', 'Insufficient Funds'],
    [404, 'not_found_http_exception', 'Not Found'],
    [405, 'method_not_allowed_http_exception', 'Method Not Allowed'],
    [409, 'purchase_done_exception', 'Purchase Done'],
    [422, 'validate_exception', 'Bad Request'],
  ])('a %s is definite, with type, name and message', async (status, type, upstreamName) => {
    await inject({ errorRate: { [status]: 1 } });
    const error = await failure(create());
    expect(error).toBeInstanceOf(StreamSkillHttpError);
    expect(error).toMatchObject({
      kind: 'http',
      outcome: 'definite',
      status,
      type,
      upstreamName,
      message: expect.any(String),
      endpoint: 'POST /purchases/create',
    });
    if (status === 422) expect(error).toHaveProperty('fieldErrors');
    expect(await recorded()).toBe(0);
  });

  it('a 429 is definite and says when to retry', async () => {
    await inject({ errorRate: { 429: 1 } });
    await env.control.setRateLimit({ burst: 30, perSecond: 2 });
    try {
      const error = await failure(create());
      expect(error).toBeInstanceOf(StreamSkillRateLimitError);
      expect(error).toMatchObject({
        status: 429,
        outcome: 'definite',
        retryAfterSeconds: expect.any(Number),
      });
    } finally {
      await env.control.setRateLimit(false);
    }
  });

  it('a connection reset after the purchase was recorded is ambiguous, and the purchase exists', async () => {
    await inject({ resetAfterRecord: true });
    const error = await failure(create());
    expect(error).toBeInstanceOf(StreamSkillNetworkError);
    expect(error).toMatchObject({ kind: 'network', outcome: 'ambiguous' });
    const { purchases } = await env.control.state();
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({ tarif: 1, channel: 'https://www.twitch.tv/twitch' });
  });

  it('a connection reset before anything was recorded is still ambiguous to the client', async () => {
    await inject({ resetBeforeRecord: true });
    expect(await failure(create())).toMatchObject({ kind: 'network', outcome: 'ambiguous' });
    expect(await recorded()).toBe(0);
  });

  it('a malformed JSON answer is ambiguous, though the purchase was made', async () => {
    await inject({ malformedJson: true });
    const error = await failure(create());
    expect(error).toBeInstanceOf(StreamSkillMalformedResponseError);
    expect(error).toMatchObject({ kind: 'malformed_response', outcome: 'ambiguous', status: 200 });
    expect(await recorded()).toBe(1);
  });

  it('never retries: each faulted create reaches the sandbox once', async () => {
    await env.control.setFaults({ method: 'POST', path: '/v1/purchases/create', errorRate: { 503: 1 } });
    const before = (await env.control.state()).counters.requests.total;
    await failure(create());
    const after = (await env.control.state()).counters.requests.total;
    // The sandbox does not count its own control requests.
    expect(after - before).toBe(1);
  });
});
