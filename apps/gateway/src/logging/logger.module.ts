import { DynamicModule, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import { GatewayConfig } from '../config/gateway-config';
import { pinoHttpOptions } from './pino-options';

/**
 * JSON logs through pino; `destination` defaults to stdout and lets tests capture the output. Stdout is
 * written asynchronously: lines written while a write is pending go out together, instead of one
 * blocking write per request (pino flushes what is left when the process exits).
 */
export function gatewayLoggerModule(destination?: DestinationStream): DynamicModule {
  return LoggerModule.forRootAsync({
    inject: [GatewayConfig],
    useFactory: (config: GatewayConfig) => {
      const options = pinoHttpOptions(config);
      return {
        pinoHttp: [options, destination ?? pino.destination({ dest: 1, sync: false })],
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
      };
    },
  });
}
