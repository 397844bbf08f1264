import { CURRENCIES, LANGUAGES, LOG_LEVELS, REDIS_FAILURE_MODES } from './environment-variables';

export type LogLevel = (typeof LOG_LEVELS)[number];
export type Currency = (typeof CURRENCIES)[number];
export type UpstreamLanguage = (typeof LANGUAGES)[number];
export type RedisFailureMode = (typeof REDIS_FAILURE_MODES)[number];
/** Fastify's trustProxy: off, on, a hop count, or the addresses/CIDRs of trusted proxies. */
export type TrustProxy = boolean | number | string[];

export interface HttpSettings {
  host: string;
  port: number;
  bodyLimitBytes: number;
  trustProxy: TrustProxy;
  /** Empty means CORS is off. */
  corsOrigins: string[];
  shutdownGraceMs: number;
}

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  preparedStatements: boolean;
}

export interface StreamSkillSettings {
  baseUrl: string;
  token: string;
  language: UpstreamLanguage;
  readTimeoutMs: number;
  writeTimeoutMs: number;
}

export interface AuthSettingsValues {
  /** HMAC key of every stored API key secret. */
  keyPepper: string;
  keyCacheTtlMs: number;
}

export interface PricingSettings {
  /** Decimal string: the markup when neither the customer nor the tariff sets one. */
  defaultMarkupPercent: string;
}

export interface CatalogSettings {
  /** Pause between two background refreshes of the enabled tariffs' upstream details. */
  refreshIntervalMs: number;
}

export interface PurchaseSettings {
  /** Added to a purchase's quote when its funds are held: upstream's price may differ slightly. */
  holdMarginPercent: number;
  /** How long an ambiguous purchase stays held before the reconciler gives up on it. */
  settleDeadlineMs: number;
}

export interface BackgroundJobSettings {
  /** Off for tests and for instances that only serve requests. */
  enabled: boolean;
  reconcileIntervalMs: number;
  statusSyncIntervalMs: number;
}

export interface RateLimitSettings {
  /** Per customer, all keys together, when its plan has no row of its own. */
  defaultBurst: number;
  defaultPerMinute: number;
  /** Per admin key. */
  adminBurst: number;
  adminPerMinute: number;
  authFailuresPerMinute: number;
  redisFailureMode: RedisFailureMode;
  redisPrefix: string;
  redisTimeoutMs: number;
}

/** The outbound budget of the master token: one token bucket shared by every instance. */
export interface UpstreamBudgetSettings {
  burst: number;
  perSecond: number;
  /** Tokens background jobs leave in the bucket for interactive calls. */
  backgroundReserve: number;
  /** How long an interactive call waits for a token before 503 upstream_busy. */
  waitMs: number;
  backgroundWaitMs: number;
  /** Each customer's own bucket of interactive upstream calls, taken with the shared one. */
  perCustomerBurst: number;
  perCustomerPerSecond: number;
  /** Tokens a customer that has spent over half its own burst leaves for the other customers. */
  busyCustomerReserve: number;
}

export interface MetricsSettings {
  /** Bearer token GET /metrics requires; undefined = public. */
  token: string | undefined;
}

export interface GatewaySettings {
  http: HttpSettings;
  database: DatabaseSettings;
  redisUrl: string | undefined;
  streamSkill: StreamSkillSettings;
  auth: AuthSettingsValues;
  currency: Currency;
  pricing: PricingSettings;
  catalog: CatalogSettings;
  purchases: PurchaseSettings;
  jobs: BackgroundJobSettings;
  rateLimit: RateLimitSettings;
  upstreamBudget: UpstreamBudgetSettings;
  metrics: MetricsSettings;
  logLevel: LogLevel;
}

/**
 * The gateway's settings, validated once at boot (see loadGatewayConfig) and injectable anywhere
 * by this class. Frozen: a setting never changes while the process runs.
 */
export class GatewayConfig implements GatewaySettings {
  readonly http: Readonly<HttpSettings>;
  readonly database: Readonly<DatabaseSettings>;
  readonly redisUrl: string | undefined;
  readonly streamSkill: Readonly<StreamSkillSettings>;
  readonly auth: Readonly<AuthSettingsValues>;
  readonly currency: Currency;
  readonly pricing: Readonly<PricingSettings>;
  readonly catalog: Readonly<CatalogSettings>;
  readonly purchases: Readonly<PurchaseSettings>;
  readonly jobs: Readonly<BackgroundJobSettings>;
  readonly rateLimit: Readonly<RateLimitSettings>;
  readonly upstreamBudget: Readonly<UpstreamBudgetSettings>;
  readonly metrics: Readonly<MetricsSettings>;
  readonly logLevel: LogLevel;

  constructor(settings: GatewaySettings) {
    this.http = Object.freeze({ ...settings.http, corsOrigins: [...settings.http.corsOrigins] });
    this.database = Object.freeze({ ...settings.database });
    this.redisUrl = settings.redisUrl;
    this.streamSkill = Object.freeze({ ...settings.streamSkill });
    this.auth = Object.freeze({ ...settings.auth });
    this.currency = settings.currency;
    this.pricing = Object.freeze({ ...settings.pricing });
    this.catalog = Object.freeze({ ...settings.catalog });
    this.purchases = Object.freeze({ ...settings.purchases });
    this.jobs = Object.freeze({ ...settings.jobs });
    this.rateLimit = Object.freeze({ ...settings.rateLimit });
    this.upstreamBudget = Object.freeze({ ...settings.upstreamBudget });
    this.metrics = Object.freeze({ ...settings.metrics });
    this.logLevel = settings.logLevel;
    Object.freeze(this);
  }
}
