import { Logger } from 'nestjs-pino';
import { createGatewayApp } from './app.factory';
import { GatewayConfig } from './config/gateway-config';
import { InvalidSettingError } from './config/invalid-setting.error';
import { exitGracefullyOnSignals } from './lifecycle/graceful-shutdown';
import { ensureAdminAccess } from './zero-config/admin-bootstrap';
import { prepareRuntime } from './zero-config/zero-config';
import { printWelcome } from './zero-config/welcome';

async function main(): Promise<void> {
  const runtime = await prepareRuntime(process.env);
  try {
    const app = await createGatewayApp(runtime.env);
    const { http } = app.get(GatewayConfig);
    exitGracefullyOnSignals(app, http.shutdownGraceMs, runtime.dispose);
    const newAdminKey = await ensureAdminAccess(app, runtime);
    await app.listen({ port: http.port, host: http.host });
    const address = app.getHttpServer().address() as { port: number };
    const url = `http://${http.host === '0.0.0.0' ? '127.0.0.1' : http.host}:${address.port}`;
    app.get(Logger).log(`Gateway listening on ${url}`);
    if (runtime.zeroConfig) printWelcome(url, runtime.notes, newAdminKey);
  } catch (error) {
    await runtime.dispose();
    throw error;
  }
}

main().catch((error: unknown) => {
  // The logger may not exist yet: this one line is the whole report.
  const reason =
    error instanceof InvalidSettingError ? error.message : `Gateway failed to start: ${String(error)}`;
  process.stderr.write(`${reason}\n`);
  process.exit(1);
});
