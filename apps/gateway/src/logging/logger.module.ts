import { DynamicModule, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { GatewayConfig } from '../config/gateway-config';
import { pinoHttpOptions } from './pino-options';

/** JSON logs through pino; `destination` defaults to stdout and lets tests capture the output. */
export function gatewayLoggerModule(destination?: DestinationStream): DynamicModule {
  return LoggerModule.forRootAsync({
    inject: [GatewayConfig],
    useFactory: (config: GatewayConfig) => {
      const options = pinoHttpOptions(config);
      return {
        pinoHttp: destination ? [options, destination] : options,
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
      };
    },
  });
}
