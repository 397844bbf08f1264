import { startGateway } from '../support/gateway-harness';
import { startReconcilerWorld } from './support';

it('timing', async () => {
  let t = Date.now();
  const lap = (label: string) => { console.log(label, Date.now() - t); t = Date.now(); };
  const world = await startReconcilerWorld({ STREAMSKILL_WRITE_TIMEOUT_MS: '200' });
  lap('world');
  const scheduled = await startGateway({ databaseUrl: world.gw.databaseUrl, sandbox: world.gw.sandbox,
    env: { ...world.gw.env, BACKGROUND_JOBS_ENABLED: 'true', RECONCILE_INTERVAL_MS: '1000', STATUS_SYNC_INTERVAL_MS: '1000' } });
  lap('scheduled');
  await new Promise((r) => setTimeout(r, 3000));
  lap('wait');
  await scheduled.close();
  lap('close scheduled');
  await world.gw.close();
  lap('close world');
}, 200000);
