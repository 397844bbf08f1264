import { captureLogs } from './testing/captured-logs';
import { SAMPLE_PURCHASE, ScriptedUpstream } from './testing/scripted-upstream';
import { parseRateLimit, parseRetryAfterSeconds, type RateLimitSnapshot } from './rate-limit';
import { StreamSkillClient } from './streamskill.client';

const NOW = Date.UTC(2026, 0, 1);
const context = { endpoint: 'GET /purchases', status: 200, now: NOW };

describe('parseRateLimit', () => {
  it('reads the three X-Rate-Limit headers', () => {
    const headers = { 'x-rate-limit-limit': '30', 'x-rate-limit-remaining': '12', 'x-rate-limit-reset': '4' };
    expect(parseRateLimit(headers, context)).toEqual({
      limit: 30,
      remaining: 12,
      resetSeconds: 4,
      observedAt: NOW,
      endpoint: 'GET /purchases',
      status: 200,
    });
  });

  it('is undefined without any of them, and skips values that are not integers', () => {
    expect(parseRateLimit({ 'content-type': 'application/json' }, context)).toBeUndefined();
    expect(parseRateLimit({ 'x-rate-limit-remaining': 'lots', 'x-rate-limit-limit': '30' }, context)).toEqual(
      expect.not.objectContaining({ remaining: expect.anything() }),
    );
  });

  it('turns an epoch reset into seconds from now', () => {
    const reset = String(NOW / 1000 + 9);
    expect(parseRateLimit({ 'x-rate-limit-reset': reset }, context)?.resetSeconds).toBe(9);
  });
});

describe('parseRetryAfterSeconds', () => {
  it('prefers Retry-After seconds, then an HTTP date, then the rate-limit reset', () => {
    const snapshot = { resetSeconds: 5, observedAt: NOW, endpoint: 'x', status: 429 };
    expect(parseRetryAfterSeconds({ 'retry-after': '2' }, snapshot, NOW)).toBe(2);
    const date = new Date(NOW + 3000).toUTCString();
    expect(parseRetryAfterSeconds({ 'retry-after': date }, snapshot, NOW)).toBe(3);
    expect(parseRetryAfterSeconds({}, snapshot, NOW)).toBe(5);
    expect(parseRetryAfterSeconds({}, undefined, NOW)).toBeUndefined();
  });
});

describe('StreamSkillClient rate-limit tracking', () => {
  let upstream: ScriptedUpstream;
  let client: StreamSkillClient;
  let logs: ReturnType<typeof captureLogs>;
  const limits = (remaining: number) => ({
    'X-Rate-Limit-Limit': '30',
    'X-Rate-Limit-Remaining': String(remaining),
    'X-Rate-Limit-Reset': '1',
  });

  beforeAll(async () => {
    upstream = await ScriptedUpstream.start();
    client = new StreamSkillClient({ baseUrl: upstream.baseUrl, token: 'tok-rate' });
  });
  beforeEach(() => (logs = captureLogs()));
  afterEach(() => logs.restore());
  afterAll(async () => {
    client.close();
    await upstream.close();
  });

  it('keeps the last values and tells subscribers, on success and on error', async () => {
    const seen: RateLimitSnapshot[] = [];
    const unsubscribe = client.onRateLimit((snapshot) => seen.push(snapshot));

    upstream.reply(200, SAMPLE_PURCHASE, limits(29));
    await client.getPurchase(1);
    expect(client.rateLimit).toMatchObject({
      limit: 30,
      remaining: 29,
      endpoint: 'GET /purchases/{orderId}',
      status: 200,
    });

    upstream.reply(404, { status: 404, type: 'not_found_http_exception' }, limits(28));
    await expect(client.getPurchase(2)).rejects.toMatchObject({ status: 404, rateLimit: { remaining: 28 } });
    expect(client.rateLimit).toMatchObject({ remaining: 28, status: 404 });
    expect(seen.map((s) => s.remaining)).toEqual([29, 28]);

    unsubscribe();
    upstream.reply(200, SAMPLE_PURCHASE, limits(27));
    await client.getPurchase(1);
    expect(seen).toHaveLength(2);
    expect(client.rateLimit?.remaining).toBe(27);
  });

  it('keeps the previous values when a response carries none', async () => {
    upstream.reply(200, SAMPLE_PURCHASE, limits(10));
    await client.getPurchase(1);
    upstream.reply(200, SAMPLE_PURCHASE);
    await client.getPurchase(1);
    expect(client.rateLimit?.remaining).toBe(10);
  });

  it('a throwing listener neither fails the call nor starves the others', async () => {
    const seen: number[] = [];
    const first = client.onRateLimit(() => {
      throw new Error('listener bug');
    });
    const second = client.onRateLimit((snapshot) => seen.push(snapshot.remaining ?? -1));
    upstream.reply(200, SAMPLE_PURCHASE, limits(5));
    await expect(client.getPurchase(1)).resolves.toMatchObject({ id: 1 });
    expect(seen).toEqual([5]);
    expect(logs.lines.some((line) => line.startsWith('warn rate-limit listener failed: listener bug'))).toBe(
      true,
    );
    first();
    second();
  });
});
