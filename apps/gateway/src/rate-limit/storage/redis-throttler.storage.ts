import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { WindowRecord, windowRecord } from './window-record';

/**
 * The same fixed window as MemoryThrottlerStorage, in one atomic script per hit: a refused hit is not
 * counted, and the window's expiry is Redis's own (PEXPIRE at the first hit), so instances with
 * skewed clocks still share one window.
 */
const HIT_SCRIPT = `
local limit = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
local refused = 0
if hits >= limit then
  refused = 1
else
  hits = redis.call('INCR', KEYS[1])
end
local msLeft = redis.call('PTTL', KEYS[1])
if msLeft < 0 then
  redis.call('PEXPIRE', KEYS[1], windowMs)
  msLeft = windowMs
end
return {hits, msLeft, refused}
`;

const COMMAND = 'ssgRateLimitHit';

type RedisWithHit = Redis & {
  [COMMAND](key: string, limit: number, windowMs: number): Promise<[number, number, number]>;
};

/** Counters shared by every instance on one Redis. Throws when Redis does not answer in time. */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly redis: RedisWithHit;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    // EVALSHA, falling back to EVAL once after a Redis restart flushed its script cache.
    if (!(COMMAND in redis)) redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.redis = redis as RedisWithHit;
  }

  /** `blockDuration` is not used: a refusal lasts until the window ends (see windowRecord). */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration?: number,
    _name?: string,
  ): Promise<WindowRecord> {
    const [hits, msLeft, refused] = await this.redis[COMMAND](this.prefix + key, limit, ttl);
    return windowRecord(hits, refused === 1, msLeft);
  }
}
