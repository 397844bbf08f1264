import { StreamSkillClient } from '@app/streamskill';
import {
  checkLedgerInvariants,
  mergeInvariantReports,
} from '../../apps/gateway/src/ledger/ledger-invariants';
import { checkUpstreamMapping } from '../../apps/gateway/src/ledger/upstream-mapping-check';
import { call, newCustomer, startCrashWorld, until, type CrashWorld } from './support-faults/crash-world';
import { createRequest, retryUnanswered, type KeyedCreate } from './support-faults/crash-retries';
import { spawnGateway, type GatewayProcess } from './support-faults/gateway-process';
import { reportFigures } from '../support/figures';

jest.setTimeout(300_000);

const CUSTOMERS = 3;
/** Each customer sends its creates in lanes, one after the other in each: a steady stream. */
const LANES_PER_CUSTOMER = 3;
const CREATES_PER_LANE = 4;
/** Long enough that a whole wave is waiting on StreamSkill when the gateway dies. */
const CREATE_LATENCY_MS = 1500;
/** More than one wave (9 lanes): some creates were answered, a wave is in flight, the rest unsent. */
const KILL_AFTER_CREATES_SENT = 12;

describe('crash recovery: the gateway killed (SIGKILL) in the middle of a burst of creates', () => {
  let world: CrashWorld;
  let gateway: GatewayProcess | undefined;

  beforeAll(async () => {
    world = await startCrashWorld();
  });
  afterAll(async () => {
    await gateway?.stop();
    await world?.close();
  });

  it('restarts on the same database and settles everything: nothing pending, no hold open, charged once, mapped 1:1 upstream', async () => {
    gateway = await spawnGateway(world.env);
    const first = gateway;
    expect(
      (await call(first.url, world.adminKey, 'PUT', '/v1/admin/tarifs/1', { enabled: true })).status,
    ).toBe(200);
    const customers = [];
    for (let i = 0; i < CUSTOMERS; i++)
      customers.push(await newCustomer(first.url, world.adminKey, '100.00'));
    const customerIds = customers.map((c) => c.id);

    await world.control.setFaults({
      method: 'POST',
      path: '/v1/purchases/create',
      latencyMs: CREATE_LATENCY_MS,
    });
    const burst = customers.flatMap((customer) =>
      Array.from({ length: LANES_PER_CUSTOMER }, (_, lane) => createInLane(first.url, customer, lane)),
    );
    await until(async () => createsSent(world).then((sent) => sent >= KILL_AFTER_CREATES_SENT));
    await first.kill();
    const creates = (await Promise.all(burst)).flat();
    const answers = creates.map((create) => create.answer);
    await world.control.clearFaults();

    // Whatever reached the client before the crash is a designed answer; the rest got no answer at all.
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => ![0, 200, 202, 402].includes(s))).toEqual([]);
    const unanswered = statuses.filter((s) => s === 0).length;
    expect(unanswered).toBeGreaterThan(0);
    // A lane sends its next create only once the previous one was answered: past the first wave,
    // some creates were answered before the crash.
    expect(statuses.filter((s) => s !== 0).length).toBeGreaterThan(0);
    const leftPending = await count(world, "billing_state = 'pending'", customerIds);
    expect(leftPending).toBeGreaterThan(0);

    gateway = await spawnGateway(world.env);
    await until(
      async () => (await count(world, "billing_state IN ('pending', 'needs_review')", customerIds)) === 0,
    );

    const db = world.pool;
    const upstream = new StreamSkillClient({ baseUrl: world.sandbox.url, token: world.sandbox.token });
    try {
      const report = mergeInvariantReports(
        await checkLedgerInvariants(db, { customerIds, purchases: true, settled: true }),
        await checkUpstreamMapping(db, upstream, { customerIds }),
      );
      expect(report.violations).toEqual([]);
    } finally {
      upstream.close();
    }
    const { rows: chargedTwice } = await db.query(
      `SELECT h.purchase_id FROM holds h JOIN ledger_entries e ON e.hold_id = h.id AND e.type = 'capture'
       WHERE h.customer_id = ANY($1::uuid[]) AND h.purpose = 'create' GROUP BY h.purchase_id HAVING COUNT(*) > 1`,
      [customerIds],
    );
    expect(chargedTwice).toEqual([]);
    const bought = (await world.control.state()).purchases.length;
    expect(await count(world, "billing_state = 'charged'", customerIds)).toBe(bought);
    // An answered 200 stays charged; nothing the customer was told is taken back.
    for (const answer of answers.filter((a) => a.status === 200)) {
      const { rows } = await db.query('SELECT billing_state FROM purchases WHERE id = $1', [answer.body.id]);
      expect(rows[0].billing_state).toBe('charged');
    }

    // The clients retry what got no answer: what was reserved comes back as it stands, never bought
    // again; what was not runs now.
    const purchasesBefore = await count(world, 'true', customerIds);
    const retried = await retryUnanswered(world, gateway.url, creates);
    for (const { retry, reservedId } of retried) {
      expect([200, 202]).toContain(retry.status);
      if (reservedId === null) expect(retry.replayed).toBe(false);
      else expect(retry).toMatchObject({ replayed: true, body: { id: reservedId } });
    }
    const ranAnew = retried.filter((r) => r.reservedId === null).length;
    expect(await count(world, 'true', customerIds)).toBe(purchasesBefore + ranAnew);
    reportFigures(
      `crash recovery: ${answers.length} creates sent to the gateway (${CUSTOMERS} customers x ${LANES_PER_CUSTOMER} lanes), ` +
        `${statuses.filter((s) => s === 200).length} answered 200, ${unanswered} unanswered by the crash, ` +
        `${leftPending} left pending, ${bought} bought upstream and charged once after restart; ` +
        `retried with their keys: ${retried.map((r) => r.retry.status).join(' ')}`,
    );
  });
});

/** Creates one after the other, each with its Idempotency-Key, until the lane is done or the gateway dies. */
async function createInLane(url: string, customer: { id: string; key: string }, lane: number) {
  const creates: KeyedCreate[] = [];
  for (let n = 0; n < CREATES_PER_LANE; n++) {
    const channel = `crash${lane}x${n}${customer.id.slice(0, 8)}`;
    const body = { tarif: { id: 1, quantity: 100, duration: 1 }, channel };
    const answer = await createRequest(url, customer.key, `${channel}-key`, body);
    creates.push({ customerKey: customer.key, idempotencyKey: `${channel}-key`, body, answer });
    if (answer.status === 0) break;
  }
  return creates;
}

async function createsSent(world: CrashWorld): Promise<number> {
  return (await world.control.state()).counters.requests.byEndpoint['POST /v1/purchases/create'] ?? 0;
}

async function count(world: CrashWorld, where: string, customerIds: string[]): Promise<number> {
  const { rows } = await world.pool.query(
    `SELECT COUNT(*)::int AS n FROM purchases WHERE ${where} AND customer_id = ANY($1::uuid[])`,
    [customerIds],
  );
  return rows[0].n as number;
}
