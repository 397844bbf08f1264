import { startGateway, type GatewayHarness } from '../support/gateway-harness';
import {
  balanceOf,
  expectLedgerConsistent,
  pendingPurchase,
  newCustomer,
  purchaseRow,
  startReconcilerWorld,
  type PurchasesWorld,
} from './support';

// Each suite boots gateways over a sandbox: slow when the machine is busy.
jest.setTimeout(120_000);

describe('background jobs on an interval', () => {
  let world: PurchasesWorld;
  let scheduled: GatewayHarness;

  beforeAll(async () => {
    world = await startReconcilerWorld({ STREAMSKILL_WRITE_TIMEOUT_MS: '200' });
    scheduled = await startGateway({
      databaseUrl: world.gw.databaseUrl,
      sandbox: world.gw.sandbox,
      env: {
        ...world.gw.env,
        BACKGROUND_JOBS_ENABLED: 'true',
        RECONCILE_INTERVAL_MS: '1000',
        STATUS_SYNC_INTERVAL_MS: '1000',
      },
    });
  });
  afterAll(async () => {
    await scheduled.close();
    await world.gw.close();
  });

  it('settles a pending purchase and refreshes its status without being asked', async () => {
    const customer = await newCustomer(world, { balance: '100.00' });
    const id = await pendingPurchase(world, customer, { resetAfterRecord: true });
    await waitFor(async () => (await purchaseRow(world, id)).billingState === 'charged');
    expect(await balanceOf(world, customer.id)).toEqual({ total: '94.50', held: '0.00' });

    await world.sandbox.forceStatus((await purchaseRow(world, id)).upstreamId as number, 'stopped');
    await waitFor(async () => (await purchaseRow(world, id)).status === 'stopped');
    await expectLedgerConsistent(world, [customer.id]);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
