import { IsOptional, IsString, Matches, MinLength } from 'class-validator';
import {
  IsHostAddress,
  IsIntegerInRange,
  IsOneOf,
  IsOriginList,
  IsTrustProxy,
  IsUrlWithScheme,
} from './setting-validators';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const CURRENCIES = ['usd', 'rub'] as const;
export const LANGUAGES = ['en', 'ru'] as const;
export const BOOLEANS = ['true', 'false'] as const;
export const REDIS_FAILURE_MODES = ['local', 'open', 'closed'] as const;

const MAX_TIMEOUT_MS = 10 * 60_000;
const PERCENT = /^\d{1,4}(\.\d{1,2})?$/;
/** A rate above zero with at most 2 decimals (StreamSkill's guest tier is 0.5 per second). */
const RATE = /^(?!0+(\.0+)?$)\d{1,4}(\.\d{1,2})?$/;
const RATE_MESSAGE = { message: 'must be a number above 0 with at most 2 decimals, e.g. 2 or 0.5' };

/**
 * The raw environment, one property per variable of SETTINGS, after defaults. Values stay strings
 * here: parsing them into numbers and lists happens once they are known to be valid.
 */
export class EnvironmentVariables {
  @IsUrlWithScheme('postgresql', 'postgres') DATABASE_URL: string;
  @IsIntegerInRange(1, 500) DATABASE_POOL_SIZE: string;
  @IsOneOf(BOOLEANS) DATABASE_PREPARED_STATEMENTS: string;
  @IsOptional() @IsUrlWithScheme('redis', 'rediss') REDIS_URL?: string;

  @IsString() @MinLength(1) STREAMSKILL_API_TOKEN: string;
  @IsUrlWithScheme('https', 'http') STREAMSKILL_BASE_URL: string;
  @IsOneOf(LANGUAGES) STREAMSKILL_LANGUAGE: string;
  @IsIntegerInRange(1, MAX_TIMEOUT_MS) STREAMSKILL_READ_TIMEOUT_MS: string;
  @IsIntegerInRange(1, MAX_TIMEOUT_MS) STREAMSKILL_WRITE_TIMEOUT_MS: string;

  @IsString() @MinLength(32, { message: 'must be at least 32 characters long' }) GATEWAY_KEY_PEPPER: string;
  @IsIntegerInRange(0, 5000) GATEWAY_KEY_CACHE_TTL_MS: string;
  @IsOptional()
  @Matches(/^ssg_[a-z0-9]{12}_[A-Za-z0-9]{43}$/, { message: 'must look like ssg_<12 a-z0-9>_<43 A-Za-z0-9>' })
  GATEWAY_BOOTSTRAP_ADMIN_KEY?: string;
  @IsOptional() @IsString() GATEWAY_DATA_DIR?: string;
  @IsOneOf(CURRENCIES) GATEWAY_CURRENCY: string;

  @Matches(PERCENT, {
    message: 'must be a decimal from 0 to 9999.99 with at most 2 decimals, e.g. 15 or 12.50',
  })
  GATEWAY_DEFAULT_MARKUP_PERCENT: string;
  @IsIntegerInRange(1000, 7 * 86_400_000) CATALOG_REFRESH_INTERVAL_MS: string;

  @IsIntegerInRange(0, 100) PURCHASE_HOLD_MARGIN_PERCENT: string;
  @IsIntegerInRange(1000, 7 * 86_400_000) PURCHASE_SETTLE_DEADLINE_MS: string;

  @IsOneOf(BOOLEANS) BACKGROUND_JOBS_ENABLED: string;
  @IsIntegerInRange(1000, 86_400_000) RECONCILE_INTERVAL_MS: string;
  @IsIntegerInRange(1000, 86_400_000) STATUS_SYNC_INTERVAL_MS: string;

  @IsIntegerInRange(1, 1_000_000) RATE_LIMIT_DEFAULT_BURST: string;
  @IsIntegerInRange(1, 60_000_000) RATE_LIMIT_DEFAULT_PER_MINUTE: string;
  @IsIntegerInRange(1, 1_000_000) RATE_LIMIT_ADMIN_BURST: string;
  @IsIntegerInRange(1, 60_000_000) RATE_LIMIT_ADMIN_PER_MINUTE: string;
  @IsIntegerInRange(1, 1_000_000) RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: string;
  @IsOneOf(REDIS_FAILURE_MODES) RATE_LIMIT_REDIS_FAILURE_MODE: string;
  @Matches(/^[A-Za-z0-9:_.-]{0,64}$/, { message: 'must be at most 64 letters, digits or : _ . -' })
  RATE_LIMIT_REDIS_PREFIX: string;
  @IsIntegerInRange(10, 60_000) RATE_LIMIT_REDIS_TIMEOUT_MS: string;

  @IsIntegerInRange(1, 10_000) UPSTREAM_BUDGET_BURST: string;
  @Matches(RATE, RATE_MESSAGE) UPSTREAM_BUDGET_PER_SECOND: string;
  @IsIntegerInRange(0, 10_000) UPSTREAM_BUDGET_BACKGROUND_RESERVE: string;
  @IsIntegerInRange(0, 60_000) UPSTREAM_BUDGET_WAIT_MS: string;
  @IsIntegerInRange(0, MAX_TIMEOUT_MS) UPSTREAM_BUDGET_BACKGROUND_WAIT_MS: string;
  @IsIntegerInRange(1, 10_000) UPSTREAM_BUDGET_PER_CUSTOMER_BURST: string;
  @Matches(RATE, RATE_MESSAGE) UPSTREAM_BUDGET_PER_CUSTOMER_PER_SECOND: string;
  @IsIntegerInRange(0, 10_000) UPSTREAM_BUDGET_BUSY_CUSTOMER_RESERVE: string;

  @IsHostAddress() HOST: string;
  @IsIntegerInRange(0, 65535) PORT: string;
  @IsIntegerInRange(1, 100 * 1024 * 1024) BODY_LIMIT_BYTES: string;
  @IsTrustProxy() TRUST_PROXY: string;
  @IsOriginList() CORS_ORIGINS: string;

  @IsOneOf(LOG_LEVELS) LOG_LEVEL: string;
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters long' })
  METRICS_TOKEN?: string;
  @IsIntegerInRange(0, MAX_TIMEOUT_MS) SHUTDOWN_GRACE_MS: string;
}
