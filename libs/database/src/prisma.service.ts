import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { poolConfigFromUrl } from './connection-config';

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
}

export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

/** The one Prisma client of a process, on node-postgres through @prisma/adapter-pg (no native engine). */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(options: DatabaseOptions) {
    const pool = poolConfigFromUrl(options.url, {
      max: options.poolSize ?? 10,
      // A burst queued on one customer's locked balance row must wait its turn, not fail.
      connectionTimeoutMillis: 20_000,
      idleTimeoutMillis: 30_000,
    });
    super({ adapter: new PrismaPg(pool) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
