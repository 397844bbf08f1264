import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

export interface RedisConnectionOptions {
  url: string;
  /** How long one command may wait for its answer. */
  commandTimeoutMs: number;
}

const LOG_EVERY_MS = 10_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * This instance's Redis client, built to fail fast: no offline queue (a command sent while
 * disconnected fails at once), no retry of a command, and a command timeout, so that a dead or stuck
 * Redis costs a request milliseconds and never hangs it. The client keeps reconnecting in the background.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  readonly client: Redis;
  private readonly logger = new Logger(RedisConnection.name);
  private lastErrorLoggedAt = -Infinity;

  constructor(options: RedisConnectionOptions) {
    this.client = new Redis(options.url, {
      commandTimeout: options.commandTimeoutMs,
      connectTimeout: Math.max(1_000, options.commandTimeoutMs),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
    });
    this.client.on('error', (error: Error) => this.logError(error));
    this.client.on('ready', () => this.logger.log('Redis connection ready'));
  }

  get isReady(): boolean {
    return this.client.status === 'ready';
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }

  /** Reconnect attempts fail every few hundred ms while Redis is down: one line per interval is enough. */
  private logError(error: Error): void {
    const now = performance.now();
    if (now - this.lastErrorLoggedAt < LOG_EVERY_MS) return;
    this.lastErrorLoggedAt = now;
    this.logger.warn({ err: error }, 'Redis connection error');
  }
}
