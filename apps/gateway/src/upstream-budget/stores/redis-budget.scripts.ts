/**
 * Lua run atomically by Redis, on Redis's clock (TIME), so that every instance sees one bucket and one
 * time. Each mirrors bucket-math.ts. Numbers go back as strings: Redis would truncate Lua floats.
 * A bucket's key expires once it would be full again: a missing bucket counts as full.
 */
const PRELUDE = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local function level(key, burst, rate)
  local state = redis.call('HMGET', key, 'tokens', 'at')
  local tokens, at = tonumber(state[1]), tonumber(state[2])
  if not tokens then return burst end
  return math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
end
local function save(key, tokens, burst, rate)
  redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('PEXPIRE', key, math.ceil((burst - tokens) * 1000 / rate) + 1000)
end
local function wait(level, needed, rate)
  return tostring(math.max(1, math.ceil((needed - level) * 1000 / rate)))
end
`;

/**
 * KEYS: global bucket [, customer bucket]. ARGV: burst, perSecond, minTokens [, customer burst,
 * customer perSecond, busy minTokens]. Returns {1, tokens left} or {0, reason, waitMs}.
 */
export const TAKE_SCRIPT = `${PRELUDE}
local burst, rate, needed = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local backoff = tonumber(redis.call('HGET', KEYS[1], 'backoff_until') or '0')
if backoff > now then return {0, 'backoff', tostring(backoff - now)} end
local own, own_burst, own_rate
if KEYS[2] then
  own_burst, own_rate = tonumber(ARGV[4]), tonumber(ARGV[5])
  own = level(KEYS[2], own_burst, own_rate)
  if own < own_burst / 2 then needed = tonumber(ARGV[6]) end
end
local global = level(KEYS[1], burst, rate)
if global < needed then return {0, 'tokens', wait(global, needed, rate)} end
if own then
  if own < 1 then return {0, 'customer', wait(own, 1, own_rate)} end
  save(KEYS[2], own - 1, own_burst, own_rate)
end
save(KEYS[1], global - 1, burst, rate)
return {1, tostring(global - 1)}
`;

/** KEYS: global bucket, 429 counter (kept a day after the last 429). ARGV: burst, perSecond, delayMs. */
export const BACK_OFF_SCRIPT = `${PRELUDE}
local burst, rate, delay = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local tokens = math.min(level(KEYS[1], burst, rate), 1 - delay * rate / 1000)
local previous = tonumber(redis.call('HGET', KEYS[1], 'backoff_until') or '0')
save(KEYS[1], tokens, burst, rate)
redis.call('HSET', KEYS[1], 'backoff_until', tostring(math.max(previous, now + delay)))
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], 86400000)
return 1
`;

/** KEYS: global bucket, 429 counter. ARGV: burst, perSecond. Returns {tokens, backoffMs, 429s}. */
export const STATE_SCRIPT = `${PRELUDE}
local backoff = tonumber(redis.call('HGET', KEYS[1], 'backoff_until') or '0')
local total = redis.call('GET', KEYS[2]) or '0'
return {tostring(level(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]))), tostring(math.max(0, backoff - now)), total}
`;
