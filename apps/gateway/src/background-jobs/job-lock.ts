import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import os from 'node:os';
import pg from 'pg';
import { poolConfigFromUrl } from '@app/database';
import { GatewayConfig } from '../config/gateway-config';
import { BackgroundJobName, JOB_LOCK_CLASS, JOB_LOCK_KEYS } from './background-job';

export type LockedRun<T> = { ran: true; result: T } | { ran: false };

/**
 * Passes of the embedded database's single session share advisory locks, so two instances in one
 * process (tests) are told apart here; the embedded database cannot be opened by two processes.
 */
const passesInThisProcess = new Set<string>();

/**
 * One pass of a job at a time across every instance on the database: a session-level advisory lock,
 * taken on a connection of its own for the length of one pass. When the holder dies its connection
 * closes, PostgreSQL drops the lock and the next instance to try takes over.
 */
@Injectable()
export class JobLock implements OnModuleDestroy {
  private readonly logger = new Logger(JobLock.name);
  private connection?: Promise<pg.Client>;

  constructor(private readonly config: GatewayConfig) {}

  async runExclusively<T>(job: BackgroundJobName, pass: () => Promise<T>): Promise<LockedRun<T>> {
    const processKey = `${this.databaseIdentity()}#${job}`;
    if (passesInThisProcess.has(processKey)) return { ran: false };
    passesInThisProcess.add(processKey);
    try {
      const client = await this.connect();
      if (!(await this.tryLock(client, job))) return { ran: false };
      try {
        return { ran: true, result: await pass() };
      } finally {
        await this.unlock(client, job);
      }
    } finally {
      passesInThisProcess.delete(processKey);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.drop();
  }

  private async tryLock(client: pg.Client, job: BackgroundJobName): Promise<boolean> {
    try {
      const { rows } = await client.query<{ acquired: boolean }>(
        'SELECT pg_try_advisory_lock($1, $2) AS acquired',
        [JOB_LOCK_CLASS, JOB_LOCK_KEYS[job]],
      );
      return rows[0].acquired;
    } catch (error) {
      await this.drop();
      throw error;
    }
  }

  private async unlock(client: pg.Client, job: BackgroundJobName): Promise<void> {
    try {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [JOB_LOCK_CLASS, JOB_LOCK_KEYS[job]]);
    } catch (error) {
      // Closing the session is what releases the lock when the unlock itself cannot be sent.
      this.logger.warn({ err: error, job }, 'Could not release the job lock; closing its connection');
      await this.drop();
    }
  }

  private connect(): Promise<pg.Client> {
    this.connection ??= this.open().catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({
      ...poolConfigFromUrl(this.config.database.url, { application_name: jobConnectionName() }),
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'The job lock connection failed; it is reopened on the next pass');
      void this.drop();
    });
    await client.connect();
    return client;
  }

  private async drop(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (!connection) return;
    const client = await connection.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  private databaseIdentity(): string {
    const url = new URL(this.config.database.url);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  }
}

/**
 * Names the instance in pg_stat_activity, so that an operator (or a test) can see which instance holds
 * a job's lock: `streamskill-gateway-jobs <pid>@<host>`, within PostgreSQL's 63 characters.
 */
export function jobConnectionName(pid = process.pid): string {
  return `streamskill-gateway-jobs ${pid}@${os.hostname()}`.slice(0, 63);
}
