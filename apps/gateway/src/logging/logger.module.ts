import { DynamicModule, Global, Module, Scope } from '@nestjs/common';
import { Logger, PARAMS_PROVIDER_TOKEN, PinoLogger } from 'nestjs-pino';
import { createProvidersForDecorated } from 'nestjs-pino/InjectPinoLogger';
import pino, { type DestinationStream } from 'pino';
import { GatewayConfig } from '../config/gateway-config';
import { GatewayPinoLogger } from './gateway-pino-logger';
import { ROOT_LOGGER, rootLoggerOptions } from './pino-options';
import { RequestLogHook } from './request-log.hook';

/**
 * JSON logs through pino, with nestjs-pino's adapters (Nest's `Logger`, `@InjectPinoLogger`) over one
 * root logger per application. nestjs-pino's own LoggerModule is not used: it logs requests through
 * pino-http behind a Nest middleware (middie) and an AsyncLocalStorage of its own, which cost the
 * hello route a fifth of its throughput (bench/README.md). Requests are logged by RequestLogHook, and
 * the request id reaches every line from the request context (see rootLoggerOptions).
 *
 * `destination` defaults to stdout, written asynchronously: lines written while a write is pending go
 * out together, instead of one blocking write per request (pino flushes what is left at exit).
 */
@Global()
@Module({})
export class GatewayLoggerModule {
  static forRoot(destination?: DestinationStream): DynamicModule {
    const decorated = createProvidersForDecorated();
    return {
      module: GatewayLoggerModule,
      providers: [
        {
          provide: ROOT_LOGGER,
          inject: [GatewayConfig],
          useFactory: (config: GatewayConfig) =>
            pino(
              rootLoggerOptions(config.logLevel),
              destination ?? pino.destination({ dest: 1, sync: false }),
            ),
        },
        { provide: PARAMS_PROVIDER_TOKEN, useValue: {} },
        {
          provide: PinoLogger,
          scope: Scope.TRANSIENT,
          inject: [ROOT_LOGGER],
          useFactory: (root: pino.Logger) => new GatewayPinoLogger(root),
        },
        Logger,
        ...decorated,
        RequestLogHook,
      ],
      exports: [ROOT_LOGGER, PARAMS_PROVIDER_TOKEN, PinoLogger, Logger, ...decorated, RequestLogHook],
    };
  }
}
