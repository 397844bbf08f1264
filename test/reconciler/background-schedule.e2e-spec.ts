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
import { waitFor } from '../support/polling';

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
    await waitFor(
      'charged by the reconciler',
      async () => (await purchaseRow(world, id)).billingState === 'charged',
    );
    expect(await balanceOf(world, customer.id)).toEqual({ total: '94.50', held: '0.00' });

    await world.sandbox.forceStatus((await purchaseRow(world, id)).upstreamId as number, 'stopped');
    await waitFor(
      'stopped by the status sync',
      async () => (await purchaseRow(world, id)).status === 'stopped',
    );
    await expectLedgerConsistent(world, [customer.id]);
  });
});
