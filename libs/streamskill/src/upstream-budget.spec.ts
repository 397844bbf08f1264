import { captureLogs } from './testing/captured-logs';
import { SAMPLE_PURCHASE, ScriptedUpstream } from './testing/scripted-upstream';
import type { RateLimitSnapshot } from './rate-limit';
import { StreamSkillClient } from './streamskill.client';
import { StreamSkillBudgetExhaustedError, StreamSkillRateLimitError } from './streamskill.errors';
import type { UpstreamBudget, UpstreamBudgetRequest } from './upstream-budget';

const TOKEN = 'master-token-for-budget-spec';
const CART = { tarif: { id: 1 }, channel: 'twitch' };

/** A budget that records what it is asked and answers as the test says. */
class RecordingBudget implements UpstreamBudget {
  readonly requests: UpstreamBudgetRequest[] = [];
  readonly snapshots: RateLimitSnapshot[] = [];
  answer: (request: UpstreamBudgetRequest) => Promise<void> = async () => undefined;

  acquire(request: UpstreamBudgetRequest): Promise<void> {
    this.requests.push(request);
    return this.answer(request);
  }

  observeRateLimit(snapshot: RateLimitSnapshot): void {
    this.snapshots.push(snapshot);
  }
}

describe('StreamSkillClient with an outbound budget', () => {
  let upstream: ScriptedUpstream;
  let budget: RecordingBudget;
  let client: StreamSkillClient;
  let logs: ReturnType<typeof captureLogs>;

  beforeAll(async () => {
    upstream = await ScriptedUpstream.start();
  });
  beforeEach(() => {
    logs = captureLogs();
    budget = new RecordingBudget();
    client = new StreamSkillClient({
      baseUrl: upstream.baseUrl,
      token: TOKEN,
      budget,
      budgetWaitMs: 1500,
      backgroundBudgetWaitMs: 9000,
    });
    upstream.reply(200, SAMPLE_PURCHASE);
  });
  afterEach(() => {
    client.close();
    logs.restore();
  });
  afterAll(() => upstream.close());

  it('asks for a token before every request, as interactive by default, and never for probe()', async () => {
    await client.createPurchase(CART);
    await client.getPurchase(4);
    upstream.reply(200, { status: 'ok' });
    await client.startPurchase(4);
    await client.probe();
    expect(budget.requests).toEqual([
      { priority: 'interactive', deadlineMs: 1500, endpoint: 'POST /purchases/create' },
      { priority: 'interactive', deadlineMs: 1500, endpoint: 'GET /purchases/{orderId}' },
      { priority: 'interactive', deadlineMs: 1500, endpoint: 'POST /purchases/{orderId}/start' },
    ]);
  });

  it('takes the priority, wait and signal of the call', async () => {
    const signal = new AbortController().signal;
    await client.getPurchase(4, { priority: 'background' });
    await client.getPurchase(4, { priority: 'background', budgetWaitMs: 0, signal });
    expect(budget.requests).toEqual([
      { priority: 'background', deadlineMs: 9000, endpoint: 'GET /purchases/{orderId}' },
      { priority: 'background', deadlineMs: 0, endpoint: 'GET /purchases/{orderId}', signal },
    ]);
  });

  it('sends nothing until the token comes', async () => {
    let grant!: () => void;
    budget.answer = () => new Promise<void>((resolve) => (grant = resolve));
    const before = upstream.requests.length;
    const call = client.getPurchase(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(upstream.requests.length).toBe(before);
    grant();
    await expect(call).resolves.toMatchObject({ id: 1 });
    expect(upstream.requests.length).toBe(before + 1);
  });

  it('passes an exhausted budget on as a definite error, with nothing sent', async () => {
    const exhausted = new StreamSkillBudgetExhaustedError({
      endpoint: 'POST /purchases/create',
      type: 'budget_exhausted',
      message: 'no token within 1500 ms',
      retryAfterSeconds: 3,
    });
    budget.answer = () => Promise.reject(exhausted);
    const before = upstream.requests.length;
    const error = await client.createPurchase(CART).catch((e: unknown) => e);
    expect(error).toBe(exhausted);
    expect(error).toMatchObject({ kind: 'budget_exhausted', outcome: 'definite', retryAfterSeconds: 3 });
    expect(upstream.requests.length).toBe(before);
    expect(
      logs.lines.some((line) => line.startsWith('debug POST /purchases/create -> budget_exhausted')),
    ).toBe(true);
  });

  it('turns a budget that cannot be consulted into a definite budget_unavailable error', async () => {
    budget.answer = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    const before = upstream.requests.length;
    await expect(client.createPurchase(CART)).rejects.toMatchObject({
      kind: 'budget_exhausted',
      type: 'budget_unavailable',
      outcome: 'definite',
      retryAfterSeconds: 1,
    });
    expect(upstream.requests.length).toBe(before);
  });

  it('reports a caller abort while waiting as a definite abort', async () => {
    const controller = new AbortController();
    budget.answer = ({ signal }) =>
      new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('stop'))));
    const call = client.createPurchase(CART, { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ kind: 'aborted', outcome: 'definite' });
  });

  it('spends no token on a request the client refuses itself', async () => {
    await expect(client.getPurchasesBulk([])).rejects.toMatchObject({ kind: 'invalid_request' });
    await expect(client.getPurchase(0)).rejects.toMatchObject({ kind: 'invalid_request' });
    expect(budget.requests).toEqual([]);
  });

  it('reports every rate-limit answer to the budget, 429s without X-Rate-Limit headers included', async () => {
    upstream.reply(200, SAMPLE_PURCHASE, { 'X-Rate-Limit-Remaining': '7', 'X-Rate-Limit-Reset': '0' });
    await client.getPurchase(1);
    upstream.reply(
      429,
      { status: 429, type: 'too_many_requests_http_exception' },
      { 'X-Rate-Limit-Reset': '4' },
    );
    await expect(client.getPurchase(1)).rejects.toBeInstanceOf(StreamSkillRateLimitError);
    upstream.reply(429, { status: 429 }, { 'Retry-After': '6' });
    await expect(client.getPurchase(1)).rejects.toMatchObject({ retryAfterSeconds: 6 });
    upstream.reply(429, { status: 429 });
    await expect(client.getPurchase(1)).rejects.toMatchObject({ status: 429 });
    expect(
      budget.snapshots.map(({ status, remaining, resetSeconds }) => ({ status, remaining, resetSeconds })),
    ).toEqual([
      { status: 200, remaining: 7, resetSeconds: 0 },
      { status: 429, remaining: undefined, resetSeconds: 4 },
      { status: 429, remaining: undefined, resetSeconds: 6 },
      { status: 429, remaining: undefined, resetSeconds: undefined },
    ]);
  });

  it('refuses a negative budget wait', () => {
    expect(
      () => new StreamSkillClient({ baseUrl: upstream.baseUrl, token: TOKEN, budgetWaitMs: -1 }),
    ).toThrow('budgetWaitMs must be a non-negative integer');
  });
});
