import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { IdempotencyService } from './idempotency.service';

const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

/** Deletes expired Idempotency-Key records every hour; harmless when several instances do it at once. */
@Injectable()
export class IdempotencyCleanup implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyCleanup.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly idempotency: IdempotencyService) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.run(), CLEANUP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<number> {
    try {
      return await this.idempotency.deleteExpired();
    } catch (error) {
      this.logger.warn(`Could not delete expired idempotency records: ${(error as Error).message}`);
      return 0;
    }
  }
}
