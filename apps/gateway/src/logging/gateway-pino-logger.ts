import { PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';

/**
 * nestjs-pino's PinoLogger (context names, `@InjectPinoLogger`) writing to the application's own root
 * logger. nestjs-pino would pick a request logger from its middleware's storage, or else a root logger
 * shared by every application of the process; the request id comes from the root logger's mixin.
 */
export class GatewayPinoLogger extends PinoLogger {
  constructor(private readonly root: Logger) {
    super({ pinoHttp: { logger: root } });
  }

  override get logger(): Logger {
    return this.root;
  }
}
