import { DynamicModule, Global, Module, ModuleMetadata } from '@nestjs/common';
import { DATABASE_OPTIONS, DatabaseOptions, PrismaService } from './prisma.service';

export interface DatabaseModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  // Nest's own provider typing uses any for injected tokens and factory arguments.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  inject?: any[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory: (...args: any[]) => DatabaseOptions | Promise<DatabaseOptions>;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return DatabaseModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: DatabaseModuleAsyncOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: options.imports ?? [],
      providers: [
        { provide: DATABASE_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        {
          provide: PrismaService,
          inject: [DATABASE_OPTIONS],
          useFactory: (databaseOptions: DatabaseOptions) => new PrismaService(databaseOptions),
        },
      ],
      exports: [PrismaService],
    };
  }
}
