/** The ThrottlerStorage every instance counts in: Redis when REDIS_URL is set, else this process's memory. */
export const RATE_LIMIT_STORAGE = Symbol('RateLimitStorage');
