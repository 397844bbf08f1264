import { Logger, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import type {
  BucketLimits,
  BudgetState,
  BudgetStore,
  DenialReason,
  TakeRequest,
  TakeResult,
} from './budget-store';
import { BACK_OFF_SCRIPT, STATE_SCRIPT, TAKE_SCRIPT } from './redis-budget.scripts';

/** How long one budget command may wait for Redis; the caller's wait loop retries until its deadline. */
const COMMAND_TIMEOUT_MS = 1_000;
/** ioredis reports every failed reconnection: one line per this interval is enough. */
const ERROR_LOG_INTERVAL_MS = 30_000;

type ScriptReply = (string | number)[];

interface BudgetCommands {
  budgetTake(numberOfKeys: number, ...keysAndArgs: (string | number)[]): Promise<ScriptReply>;
  budgetBackOff(...keysAndArgs: (string | number)[]): Promise<number>;
  budgetState(...keysAndArgs: (string | number)[]): Promise<ScriptReply>;
}

/**
 * The bucket in Redis, shared by every instance using the same namespace. Keys share one hash tag
 * (`{...}` in the namespace) so that a take touching two buckets stays on one cluster slot.
 */
export class RedisBudgetStore implements BudgetStore, OnModuleDestroy {
  readonly backend = 'redis';
  private readonly logger = new Logger(RedisBudgetStore.name);
  private readonly redis: Redis & BudgetCommands;
  private lastErrorLog = 0;

  constructor(
    url: string,
    private readonly namespace: string,
    private readonly limits: BucketLimits,
  ) {
    const redis = new Redis(url, { commandTimeout: COMMAND_TIMEOUT_MS, maxRetriesPerRequest: 1 });
    redis.on('error', (error: Error) => this.logError(error));
    redis.defineCommand('budgetTake', { lua: TAKE_SCRIPT });
    redis.defineCommand('budgetBackOff', { numberOfKeys: 2, lua: BACK_OFF_SCRIPT });
    redis.defineCommand('budgetState', { numberOfKeys: 2, lua: STATE_SCRIPT });
    this.redis = redis as Redis & BudgetCommands;
  }

  async take({ minTokens, customer }: TakeRequest): Promise<TakeResult> {
    const { burst, perSecond } = this.limits;
    const reply = customer
      ? await this.redis.budgetTake(
          2,
          this.key('global'),
          this.key(`customer:${customer.id}`),
          burst,
          perSecond,
          minTokens,
          customer.limits.burst,
          customer.limits.perSecond,
          customer.busyMinTokens,
        )
      : await this.redis.budgetTake(1, this.key('global'), burst, perSecond, minTokens);
    if (Number(reply[0]) === 1) return { granted: true, tokens: Number(reply[1]) };
    return { granted: false, reason: reply[1] as DenialReason, waitMs: Number(reply[2]) };
  }

  async backOff(delayMs: number): Promise<void> {
    const { burst, perSecond } = this.limits;
    await this.redis.budgetBackOff(this.key('global'), this.key('rate-limited'), burst, perSecond, delayMs);
  }

  async state(): Promise<BudgetState> {
    const { burst, perSecond } = this.limits;
    const [tokens, backoffMs, total] = await this.redis.budgetState(
      this.key('global'),
      this.key('rate-limited'),
      burst,
      perSecond,
    );
    return { tokens: Number(tokens), backoffMs: Number(backoffMs), rateLimitedTotal: Number(total) };
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private logError(error: Error): void {
    if (Date.now() - this.lastErrorLog < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLog = Date.now();
    this.logger.warn(`Redis (upstream budget): ${error.message}`);
  }

  private key(suffix: string): string {
    return `${this.namespace}:${suffix}`;
  }
}
