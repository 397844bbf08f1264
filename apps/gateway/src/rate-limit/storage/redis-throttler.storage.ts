import type Redis from 'ioredis';
import type { CounterWindow, MultiWindowThrottlerStorage } from './multi-window-storage';
import { WindowRecord, windowRecord } from './window-record';

/**
 * The same fixed windows as MemoryThrottlerStorage, every window of a request in one atomic script:
 * KEYS are the counters, ARGV their limit and length (ms) in pairs. If any window refuses, no counter
 * is incremented, so a refused request is counted nowhere. The window's expiry is Redis's own (PEXPIRE
 * at the first hit), so instances with skewed clocks still share one window. Answers, per window,
 * hits counted, ms left and whether it refused.
 */
const HIT_ALL_SCRIPT = `
local hits = {}
local refusing = false
for i = 1, #KEYS do
  hits[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
  if hits[i] >= tonumber(ARGV[2 * i - 1]) then refusing = true end
end
local answer = {}
for i = 1, #KEYS do
  local windowMs = tonumber(ARGV[2 * i])
  local refused = 0
  if hits[i] >= tonumber(ARGV[2 * i - 1]) then
    refused = 1
  elseif not refusing then
    hits[i] = redis.call('INCR', KEYS[i])
  end
  local msLeft = redis.call('PTTL', KEYS[i])
  if msLeft < 0 then
    redis.call('PEXPIRE', KEYS[i], windowMs)
    msLeft = windowMs
  end
  answer[3 * i - 2] = hits[i]
  answer[3 * i - 1] = msLeft
  answer[3 * i] = refused
end
return answer
`;

const COMMAND = 'ssgRateLimitHitAll';

type RedisWithHitAll = Redis & {
  /** numberOfKeys first (the script takes any number of keys), then the keys, then the ARGV pairs. */
  [COMMAND](numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<number[]>;
};

/** Counters shared by every instance on one Redis. Throws when Redis does not answer in time. */
export class RedisThrottlerStorage implements MultiWindowThrottlerStorage {
  private readonly redis: RedisWithHitAll;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    // EVALSHA, falling back to EVAL once after a Redis restart flushed its script cache.
    if (!(COMMAND in redis)) redis.defineCommand(COMMAND, { lua: HIT_ALL_SCRIPT });
    this.redis = redis as RedisWithHitAll;
  }

  /** `blockDuration` is not used: a refusal lasts until the window ends (see windowRecord). */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration?: number,
    name = '',
  ): Promise<WindowRecord> {
    const [record] = await this.hitAll([{ key, ttl, limit, name }]);
    return record;
  }

  async hitAll(windows: readonly CounterWindow[]): Promise<WindowRecord[]> {
    const keys = windows.map(({ key }) => this.prefix + key);
    const limitsAndLengths = windows.flatMap(({ limit, ttl }) => [limit, ttl]);
    const answer = await this.redis[COMMAND](keys.length, ...keys, ...limitsAndLengths);
    return windows.map((_, index) =>
      windowRecord(answer[3 * index], answer[3 * index + 2] === 1, answer[3 * index + 1]),
    );
  }
}
