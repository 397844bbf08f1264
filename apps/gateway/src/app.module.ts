import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { DatabaseModule } from '@app/database';
import { StreamSkillModule } from '@app/streamskill';
import { GatewayConfig } from './config/gateway-config';
import { GatewayConfigModule } from './config/gateway-config.module';
import { ErrorsModule } from './errors/errors.module';
import { HealthModule } from './health/health.module';
import { AccountModule } from './account/account.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CustomersModule } from './customers/customers.module';
import { TenancyModule } from './tenancy/tenancy.module';
import { gatewayLoggerModule } from './logging/logger.module';

export interface AppModuleOptions {
  config: GatewayConfig;
  logDestination?: DestinationStream;
  /** Feature modules, or test modules, added to the application. */
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule {
  static forRoot({ config, logDestination, imports = [] }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        GatewayConfigModule.forRoot(config),
        gatewayLoggerModule(logDestination),
        ErrorsModule,
        DatabaseModule.forRootAsync({
          inject: [GatewayConfig],
          useFactory: ({ database }: GatewayConfig) => ({ url: database.url, poolSize: database.poolSize }),
        }),
        StreamSkillModule.forRootAsync({
          isGlobal: true,
          inject: [GatewayConfig],
          useFactory: ({ streamSkill }: GatewayConfig) => ({ ...streamSkill }),
        }),
        HealthModule,
        AuditModule,
        AuthModule,
        TenancyModule,
        CustomersModule,
        ApiKeysModule,
        AccountModule,
        ...imports,
      ],
    };
  }
}
