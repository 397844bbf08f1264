import { IsOptional, IsString, MinLength } from 'class-validator';
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

const MAX_TIMEOUT_MS = 10 * 60_000;

/**
 * The raw environment, one property per variable of SETTINGS, after defaults. Values stay strings
 * here: parsing them into numbers and lists happens once they are known to be valid.
 */
export class EnvironmentVariables {
  @IsUrlWithScheme('postgresql', 'postgres') DATABASE_URL: string;
  @IsIntegerInRange(1, 500) DATABASE_POOL_SIZE: string;
  @IsOptional() @IsUrlWithScheme('redis', 'rediss') REDIS_URL?: string;

  @IsString() @MinLength(1) STREAMSKILL_API_TOKEN: string;
  @IsUrlWithScheme('https', 'http') STREAMSKILL_BASE_URL: string;
  @IsOneOf(LANGUAGES) STREAMSKILL_LANGUAGE: string;
  @IsIntegerInRange(1, MAX_TIMEOUT_MS) STREAMSKILL_READ_TIMEOUT_MS: string;
  @IsIntegerInRange(1, MAX_TIMEOUT_MS) STREAMSKILL_WRITE_TIMEOUT_MS: string;

  @IsString() @MinLength(32, { message: 'must be at least 32 characters long' }) GATEWAY_KEY_PEPPER: string;
  @IsIntegerInRange(0, 5000) GATEWAY_KEY_CACHE_TTL_MS: string;
  @IsOneOf(CURRENCIES) GATEWAY_CURRENCY: string;

  @IsHostAddress() HOST: string;
  @IsIntegerInRange(0, 65535) PORT: string;
  @IsIntegerInRange(1, 100 * 1024 * 1024) BODY_LIMIT_BYTES: string;
  @IsTrustProxy() TRUST_PROXY: string;
  @IsOriginList() CORS_ORIGINS: string;

  @IsOneOf(LOG_LEVELS) LOG_LEVEL: string;
  @IsIntegerInRange(0, MAX_TIMEOUT_MS) SHUTDOWN_GRACE_MS: string;
}
