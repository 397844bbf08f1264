import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { QueryResultRow } from 'pg';
import { PrismaClient } from './generated/prisma/client';
import { poolConfigFromUrl } from './connection-config';
import type { NamedStatement } from './named-statement';

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  /**
   * Run NamedStatements as prepared statements (default true). Off for a server or pooler that shares
   * one session between connections (the embedded database, a transaction-mode pooler): a name
   * prepared by one connection would clash with, or be missing for, the next.
   */
  preparedStatements?: boolean;
}

export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

/** The one Prisma client of a process, on node-postgres through @prisma/adapter-pg (no native engine). */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  /**
   * The pool under Prisma's adapter, shared with it (so DATABASE_POOL_SIZE bounds both): for the few
   * hot reads where Prisma's own query path costs several times a plain query (see bench/README.md).
   */
  readonly pool: pg.Pool;
  private readonly preparedStatements: boolean;

  constructor(options: DatabaseOptions) {
    const pool = new pg.Pool(
      poolConfigFromUrl(options.url, {
        max: options.poolSize ?? 10,
        // A burst queued on one customer's locked balance row must wait its turn, not fail.
        connectionTimeoutMillis: 20_000,
        idleTimeoutMillis: 30_000,
      }),
    );
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
    this.preparedStatements = options.preparedStatements ?? true;
    survivesDroppedConnections(pool);
  }

  /** A hot statement on the pool: parsed and planned once per connection when prepared statements are on. */
  async run<R extends QueryResultRow>(statement: NamedStatement, values: readonly unknown[]): Promise<R[]> {
    const name = this.preparedStatements ? statement.name : undefined;
    const result = await this.pool.query<R>({ name, text: statement.text, values: values as unknown[] });
    return result.rows;
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    // Prisma ends the pool only if it ever connected; raw queries may have used it on their own.
    if (!this.pool.ended) await this.pool.end();
  }
}

/**
 * A connection the server drops (restart, failover, idle kill) emits 'error' on its client, and an
 * 'error' nobody listens to crashes the process. The pool listens while a client is idle (then again
 * through the adapter, once Prisma has connected), but a client checked out with `pool.connect()` has
 * no listener between two statements. Every client gets one from its creation: the statement that
 * meets the dead connection fails on its own, and the pool drops the client when it comes back.
 */
function survivesDroppedConnections(pool: pg.Pool): void {
  const ignore = () => undefined;
  pool.on('error', ignore);
  pool.on('connect', (client) => client.on('error', ignore));
}
