import { validateSync } from 'class-validator';
import { EnvironmentVariables } from './environment-variables';
import {
  Currency,
  GatewayConfig,
  LogLevel,
  RedisFailureMode,
  TrustProxy,
  UpstreamLanguage,
} from './gateway-config';
import { InvalidSettingError, SettingProblem } from './invalid-setting.error';
import { splitList } from './setting-validators';
import { SETTINGS, SettingDoc } from './settings';

type RawSettings = Record<string, string | undefined>;

const MAX_ECHOED_LENGTH = 80;

/** Validates the environment once; throws InvalidSettingError naming the first bad setting. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  const raw = applyDefaults(env);
  const problems = [...findMissing(raw), ...findInvalid(raw)];
  if (problems.length === 0) problems.push(...findConflicts(raw));
  if (problems.length > 0) throw new InvalidSettingError(problems);
  return toGatewayConfig(raw as Record<keyof EnvironmentVariables, string>);
}

/** An empty variable counts as unset, as docker-compose and .env files commonly produce them. */
function applyDefaults(env: NodeJS.ProcessEnv): RawSettings {
  const raw: RawSettings = {};
  for (const setting of SETTINGS) {
    const value = env[setting.name]?.trim();
    raw[setting.name] = value === undefined || value === '' ? setting.default : value;
  }
  return raw;
}

function findMissing(raw: RawSettings): SettingProblem[] {
  return SETTINGS.filter((setting) => setting.required && raw[setting.name] === undefined).map((setting) => ({
    setting: setting.name,
    message: `Missing required setting ${setting.name}: ${setting.description}`,
  }));
}

function findInvalid(raw: RawSettings): SettingProblem[] {
  const variables = Object.assign(new EnvironmentVariables(), raw);
  const errors = validateSync(variables, { skipUndefinedProperties: true });
  return SETTINGS.flatMap((setting) => {
    const error = errors.find((candidate) => candidate.property === setting.name);
    const rule = error?.constraints ? Object.values(error.constraints)[0] : undefined;
    if (!rule) return [];
    return [
      { setting: setting.name, message: `Invalid setting ${setting.name}: ${rule}${got(setting, raw)}` },
    ];
  });
}

/** Settings valid one by one that make no sense together. */
function findConflicts(raw: RawSettings): SettingProblem[] {
  const burst = Number(raw.UPSTREAM_BUDGET_BURST);
  const reserves = [
    ['UPSTREAM_BUDGET_BACKGROUND_RESERVE', 'background jobs'],
    ['UPSTREAM_BUDGET_BUSY_CUSTOMER_RESERVE', 'busy customers'],
  ] as const;
  return reserves
    .filter(([setting]) => Number(raw[setting]) >= burst)
    .map(([setting, who]) => ({
      setting,
      message: `Invalid setting ${setting}: must be below UPSTREAM_BUDGET_BURST (${burst}), or ${who} never reach StreamSkill (got "${raw[setting]}")`,
    }));
}

function got(setting: SettingDoc, raw: RawSettings): string {
  const value = raw[setting.name] ?? '';
  if (setting.disclosure === 'secret') return '';
  const shown = setting.disclosure === 'url' ? value.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@') : value;
  const clipped = shown.length > MAX_ECHOED_LENGTH ? `${shown.slice(0, MAX_ECHOED_LENGTH)}...` : shown;
  return ` (got ${JSON.stringify(clipped)})`;
}

function toGatewayConfig(raw: Record<keyof EnvironmentVariables, string>): GatewayConfig {
  return new GatewayConfig({
    http: {
      host: raw.HOST,
      port: Number(raw.PORT),
      bodyLimitBytes: Number(raw.BODY_LIMIT_BYTES),
      trustProxy: parseTrustProxy(raw.TRUST_PROXY),
      corsOrigins: splitList(raw.CORS_ORIGINS).map((origin) => origin.replace(/\/$/, '')),
      shutdownGraceMs: Number(raw.SHUTDOWN_GRACE_MS),
    },
    database: {
      url: raw.DATABASE_URL,
      poolSize: Number(raw.DATABASE_POOL_SIZE),
      preparedStatements: raw.DATABASE_PREPARED_STATEMENTS === 'true',
    },
    redisUrl: raw.REDIS_URL,
    streamSkill: {
      baseUrl: raw.STREAMSKILL_BASE_URL.replace(/\/+$/, ''),
      token: raw.STREAMSKILL_API_TOKEN,
      language: raw.STREAMSKILL_LANGUAGE as UpstreamLanguage,
      readTimeoutMs: Number(raw.STREAMSKILL_READ_TIMEOUT_MS),
      writeTimeoutMs: Number(raw.STREAMSKILL_WRITE_TIMEOUT_MS),
    },
    auth: { keyPepper: raw.GATEWAY_KEY_PEPPER, keyCacheTtlMs: Number(raw.GATEWAY_KEY_CACHE_TTL_MS) },
    currency: raw.GATEWAY_CURRENCY as Currency,
    pricing: { defaultMarkupPercent: raw.GATEWAY_DEFAULT_MARKUP_PERCENT },
    catalog: { refreshIntervalMs: Number(raw.CATALOG_REFRESH_INTERVAL_MS) },
    purchases: {
      holdMarginPercent: Number(raw.PURCHASE_HOLD_MARGIN_PERCENT),
      settleDeadlineMs: Number(raw.PURCHASE_SETTLE_DEADLINE_MS),
    },
    jobs: {
      enabled: raw.BACKGROUND_JOBS_ENABLED === 'true',
      reconcileIntervalMs: Number(raw.RECONCILE_INTERVAL_MS),
      statusSyncIntervalMs: Number(raw.STATUS_SYNC_INTERVAL_MS),
    },
    rateLimit: {
      defaultBurst: Number(raw.RATE_LIMIT_DEFAULT_BURST),
      defaultPerMinute: Number(raw.RATE_LIMIT_DEFAULT_PER_MINUTE),
      adminBurst: Number(raw.RATE_LIMIT_ADMIN_BURST),
      adminPerMinute: Number(raw.RATE_LIMIT_ADMIN_PER_MINUTE),
      authFailuresPerMinute: Number(raw.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE),
      redisFailureMode: raw.RATE_LIMIT_REDIS_FAILURE_MODE as RedisFailureMode,
      redisPrefix: raw.RATE_LIMIT_REDIS_PREFIX,
      redisTimeoutMs: Number(raw.RATE_LIMIT_REDIS_TIMEOUT_MS),
    },
    upstreamBudget: {
      burst: Number(raw.UPSTREAM_BUDGET_BURST),
      perSecond: Number(raw.UPSTREAM_BUDGET_PER_SECOND),
      backgroundReserve: Number(raw.UPSTREAM_BUDGET_BACKGROUND_RESERVE),
      waitMs: Number(raw.UPSTREAM_BUDGET_WAIT_MS),
      backgroundWaitMs: Number(raw.UPSTREAM_BUDGET_BACKGROUND_WAIT_MS),
      perCustomerBurst: Number(raw.UPSTREAM_BUDGET_PER_CUSTOMER_BURST),
      perCustomerPerSecond: Number(raw.UPSTREAM_BUDGET_PER_CUSTOMER_PER_SECOND),
      busyCustomerReserve: Number(raw.UPSTREAM_BUDGET_BUSY_CUSTOMER_RESERVE),
    },
    metrics: { token: raw.METRICS_TOKEN },
    logLevel: raw.LOG_LEVEL as LogLevel,
  });
}

function parseTrustProxy(value: string): TrustProxy {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return splitList(value);
}
