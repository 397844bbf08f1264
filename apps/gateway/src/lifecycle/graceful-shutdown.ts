import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
const IDLE_SWEEP_INTERVAL_MS = 100;

/**
 * Stops accepting connections, lets in-flight requests finish for up to `graceMs` (then cuts the
 * rest), and only then closes the application (database pool, upstream client). Nest's own
 * app.close() would run module destroy hooks before the HTTP server stops, pulling the database
 * from under requests still running.
 */
export async function shutDownGracefully(app: NestFastifyApplication, graceMs: number): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const server = fastify.server;
  // A keep-alive connection whose request just finished would otherwise hold the close until the grace ends.
  const idleSweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_INTERVAL_MS);
  const cutOff = setTimeout(() => {
    app.get(Logger).warn(`Shutdown grace of ${graceMs} ms is over; closing the remaining connections`);
    server.closeAllConnections();
  }, graceMs);
  try {
    await fastify.close();
  } finally {
    clearInterval(idleSweep);
    clearTimeout(cutOff);
  }
  await app.close();
}

/** SIGTERM/SIGINT: shut down gracefully, then exit 0; a second signal exits at once. */
export function exitGracefullyOnSignals(
  app: NestFastifyApplication,
  graceMs: number,
  afterClose: () => Promise<void> = async () => undefined,
): void {
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    const logger = app.get(Logger);
    if (shuttingDown) {
      logger.warn(`${signal} received again; exiting now`);
      process.exit(1);
    }
    shuttingDown = true;
    logger.log(`${signal} received; shutting down`);
    shutDownGracefully(app, graceMs)
      .then(afterClose)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'Shutdown failed');
          process.exit(1);
        },
      );
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
}
