import { eventually, SandboxApi, type Purchase } from './support/sandbox-api';

const STEP_MS = 200;

/** Time-driven behaviour: assertions read the recorded history, never the clock. */
describe('sandbox: purchase statuses over time', () => {
  let api: SandboxApi;

  beforeAll(async () => {
    api = await SandboxApi.start({ statusStepMs: STEP_MS });
  });
  afterAll(() => api.close());
  beforeEach(() => api.control.reset());

  const statusOf = async (id: number) => (await api.get<Purchase>(`/purchases/${id}`)).body.status;
  const historyOf = async (id: number) =>
    (await api.control.state()).purchases
      .find((p) => p.id === id)!
      .history.map((h) => `${h.status}:${h.reason}`);

  it('advances created -> working -> completed on its own', async () => {
    const { id, status } = await api.createPurchase({ tarif: { id: 1 }, channel: 'x' });
    expect(status).toBe('created');
    await eventually(
      () => statusOf(id),
      (current) => current === 'completed',
    );
    expect(await historyOf(id)).toEqual(['created:created', 'working:timer', 'completed:timer']);
  });

  it('a stopped order stays stopped until started again, then completes', async () => {
    const { id } = await api.createPurchase({ tarif: { id: 1 }, channel: 'a', start: true });
    await api.post('/purchases/bulk-stop', { ids: [id] });
    await new Promise((resolve) => setTimeout(resolve, STEP_MS * 3));
    expect(await statusOf(id)).toBe('stopped');
    await api.post(`/purchases/${id}/start`);
    await eventually(
      () => statusOf(id),
      (current) => current === 'completed',
    );
    expect(await historyOf(id)).toEqual([
      'working:created',
      'stopped:bulk-stop',
      'working:start',
      'completed:timer',
    ]);
  });

  it('prolong keeps an order working longer', async () => {
    // A stopped order does not advance, so the prolong cannot race the timer.
    const { id } = await api.control.seedPurchase({ tarif: 3, channel: 'a', status: 'stopped' });
    await api.post(`/purchases/${id}/prolong`, { count: 2 });
    await api.post(`/purchases/${id}/start`);
    await eventually(
      () => statusOf(id),
      (current) => current === 'completed',
    );
    const [, working, completed] = (await api.control.state()).purchases[0].history;
    expect([working.reason, completed.reason]).toEqual(['start', 'timer']);
    // One step plus one step per prolonged hour, computed from the recorded timestamps.
    expect(Date.parse(completed.at) - Date.parse(working.at)).toBe(STEP_MS * 3);
  });
});
