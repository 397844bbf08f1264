import { DynamicModule, Global, Module } from '@nestjs/common';
import { GatewayConfig } from './gateway-config';

/** Makes the boot-time GatewayConfig injectable everywhere; it is loaded before Nest starts. */
@Global()
@Module({})
export class GatewayConfigModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayConfigModule,
      providers: [{ provide: GatewayConfig, useValue: config }],
      exports: [GatewayConfig],
    };
  }
}
