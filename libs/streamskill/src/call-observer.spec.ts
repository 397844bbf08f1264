import { captureLogs } from './testing/captured-logs';
import { SAMPLE_PURCHASE, ScriptedUpstream } from './testing/scripted-upstream';
import type { UpstreamCallReport } from './call-observer';
import { StreamSkillClient } from './streamskill.client';
import { StreamSkillBudgetExhaustedError } from './streamskill.errors';

const TOKEN = 'master-token-for-call-observer-spec';

describe('StreamSkillClient.onCall', () => {
  let upstream: ScriptedUpstream;
  let logs: ReturnType<typeof captureLogs>;
  const clients: StreamSkillClient[] = [];
  const clientWith = (options: Partial<ConstructorParameters<typeof StreamSkillClient>[0]> = {}) => {
    const client = new StreamSkillClient({ baseUrl: upstream.baseUrl, token: TOKEN, ...options });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    upstream = await ScriptedUpstream.start();
  });
  beforeEach(() => {
    logs = captureLogs();
    upstream.reply(200, SAMPLE_PURCHASE);
  });
  afterEach(() => {
    logs.restore();
    clients.splice(0).forEach((client) => client.close());
  });
  afterAll(() => upstream.close());

  it('reports each call by endpoint template and outcome, with its status and timings', async () => {
    const client = clientWith();
    const seen: UpstreamCallReport[] = [];
    client.onCall((report) => seen.push(report));

    await client.getPurchase(7);
    upstream.reply(422, { status: 422, type: 'validate_exception', errors: [] });
    await expect(client.createPurchase({ tarif: { id: 1 }, channel: 'x' })).rejects.toMatchObject({
      status: 422,
    });

    expect(seen).toEqual([
      expect.objectContaining({
        endpoint: 'GET /purchases/{orderId}',
        outcome: 'ok',
        status: 200,
        sent: true,
      }),
      expect.objectContaining({
        endpoint: 'POST /purchases/create',
        outcome: 'http',
        status: 422,
        sent: true,
      }),
    ]);
    for (const report of seen) {
      expect(report.priority).toBe('interactive');
      expect(report.durationMs).toBeGreaterThanOrEqual(0);
      expect(report.budgetWaitMs).toBeGreaterThanOrEqual(0);
    }
    expect(JSON.stringify(seen)).not.toContain(TOKEN);
  });

  it('reports calls the budget refused as not sent, and stops after unsubscribing', async () => {
    const refusal = new StreamSkillBudgetExhaustedError({
      endpoint: 'GET /purchases',
      type: 'budget_exhausted',
      retryAfterSeconds: 1,
      message: 'no token',
    });
    const client = clientWith({ budget: { acquire: () => Promise.reject(refusal) } });
    const seen: UpstreamCallReport[] = [];
    const unsubscribe = client.onCall((report) => seen.push(report));

    await expect(client.listPurchases({ priority: 'background' })).rejects.toBe(refusal);
    unsubscribe();
    await expect(client.listPurchases()).rejects.toBe(refusal);

    expect(seen).toEqual([
      expect.objectContaining({
        endpoint: 'GET /purchases',
        outcome: 'budget_exhausted',
        priority: 'background',
        sent: false,
        durationMs: 0,
      }),
    ]);
    expect(seen[0].status).toBeUndefined();
  });

  it('a throwing listener neither fails the call nor starves the others', async () => {
    const client = clientWith();
    const seen: string[] = [];
    client.onCall(() => {
      throw new Error('listener bug');
    });
    client.onCall((report) => seen.push(report.outcome));
    await expect(client.getPurchase(1)).resolves.toMatchObject({ id: 1 });
    expect(seen).toEqual(['ok']);
    expect(logs.lines.some((line) => line.startsWith('warn call listener failed: listener bug'))).toBe(true);
  });
});
