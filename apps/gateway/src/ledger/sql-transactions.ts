import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { PrismaService } from '@app/database';
import { SqlTransaction } from './sql-transaction';

/**
 * Money transactions in plain `pg` on Prisma's own pool (`DATABASE_POOL_SIZE` bounds both): for the
 * create path, where Prisma's interactive transactions cost most of a request's CPU.
 */
@Injectable()
export class SqlTransactions {
  constructor(private readonly prisma: PrismaService) {}

  async run<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    const client = await this.prisma.pool.connect();
    const tx = new SqlTransaction(client);
    let result: T;
    try {
      result = await work(tx);
      tx.assertNothingWaiting();
    } catch (error) {
      await rollBackAndRelease(client, tx);
      throw error;
    }
    try {
      await tx.commit();
    } catch (error) {
      // The server ended the transaction either way; a client that failed here is not reused.
      tx.end();
      client.release(asError(error));
      throw error;
    }
    tx.end();
    client.release();
    return result;
  }
}

async function rollBackAndRelease(client: PoolClient, tx: SqlTransaction): Promise<void> {
  // Before ROLLBACK: a statement the failed work still sends must not run after it, outside the transaction.
  tx.end();
  if (!tx.begun || tx.committed) return client.release();
  try {
    await client.query('ROLLBACK');
    client.release();
  } catch (error) {
    // Possibly still inside the transaction: dropped, never handed to the next caller.
    client.release(asError(error));
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
