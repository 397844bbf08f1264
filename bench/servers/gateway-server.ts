/**
 * Child process: the real gateway (plus the bench baselines) on a loopback port. Settings come from
 * the environment, as in production; tells its parent the port over IPC once it listens.
 */
import { createGatewayApp } from '../../apps/gateway/src/app.factory';
import { shutDownGracefully } from '../../apps/gateway/src/lifecycle/graceful-shutdown';
import { BenchBaselineModule } from '../baseline/bench-baseline.module';
import { serveChild } from './child-protocol';

serveChild(async () => {
  const app = await createGatewayApp(process.env, { imports: [BenchBaselineModule] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => shutDownGracefully(app, 2_000) };
});
