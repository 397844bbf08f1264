import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata } from '@nestjs/common';
import { STREAMSKILL_CLIENT_OPTIONS, type StreamSkillClientOptions } from './streamskill-client.options';
import { StreamSkillClient } from './streamskill.client';

export interface StreamSkillModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => StreamSkillClientOptions | Promise<StreamSkillClientOptions>;
  isGlobal?: boolean;
}

/** Provides StreamSkillClient; options come from forRoot or, usually, from config via forRootAsync. */
@Module({})
export class StreamSkillModule {
  static forRoot(options: StreamSkillClientOptions & { isGlobal?: boolean }): DynamicModule {
    const { isGlobal, ...clientOptions } = options;
    return StreamSkillModule.forRootAsync({ useFactory: () => clientOptions, isGlobal });
  }

  static forRootAsync(options: StreamSkillModuleAsyncOptions): DynamicModule {
    return {
      module: StreamSkillModule,
      global: options.isGlobal ?? false,
      imports: options.imports ?? [],
      providers: [
        {
          provide: STREAMSKILL_CLIENT_OPTIONS,
          inject: options.inject ?? [],
          useFactory: options.useFactory as (...args: unknown[]) => StreamSkillClientOptions,
        },
        StreamSkillClient,
      ],
      exports: [StreamSkillClient],
    };
  }
}
