/** How a setting's value may appear in a boot error: secrets are never echoed, URLs lose their password. */
export type SettingDisclosure = 'plain' | 'url' | 'secret';

export interface SettingDoc {
  name: string;
  description: string;
  /** Applied when the variable is unset or empty. */
  default?: string;
  required?: boolean;
  disclosure?: SettingDisclosure;
}

/** Every environment variable the gateway reads; the README's settings table is generated from it. */
export const SETTINGS: readonly SettingDoc[] = [
  {
    name: 'DATABASE_URL',
    description: 'PostgreSQL connection URL (postgresql://user:password@host:5432/database).',
    required: true,
    disclosure: 'url',
  },
  {
    name: 'DATABASE_POOL_SIZE',
    description: 'Maximum number of PostgreSQL connections this instance opens.',
    default: '10',
  },
  {
    name: 'DATABASE_PREPARED_STATEMENTS',
    description:
      'true or false: run the hottest statements (key lookup, purchase read) as prepared statements, parsed and planned once per connection. false behind a pooler that shares sessions between clients (PgBouncer in transaction mode); zero-config sets false for its embedded database.',
    default: 'true',
  },
  {
    name: 'REDIS_URL',
    description: 'Redis URL (redis:// or rediss://) for state shared between instances; unset = in memory.',
    disclosure: 'url',
  },
  {
    name: 'STREAMSKILL_API_TOKEN',
    description: 'The master StreamSkill API token; never logged nor returned.',
    required: true,
    disclosure: 'secret',
  },
  {
    name: 'STREAMSKILL_BASE_URL',
    description: 'Base URL of the StreamSkill API, including the version path.',
    default: 'https://api.streamskill.pro/v1',
  },
  {
    name: 'STREAMSKILL_LANGUAGE',
    description: 'Language of upstream messages when the caller sends no Accept-Language: en or ru.',
    default: 'en',
  },
  {
    name: 'STREAMSKILL_READ_TIMEOUT_MS',
    description: 'Timeout of upstream read calls, in milliseconds.',
    default: '10000',
  },
  {
    name: 'STREAMSKILL_WRITE_TIMEOUT_MS',
    description: 'Timeout of upstream calls that change state (create, prolong...), in milliseconds.',
    default: '20000',
  },
  {
    name: 'GATEWAY_KEY_PEPPER',
    description:
      'Server secret (32+ characters) every API key secret is HMAC-ed with; changing it invalidates all keys.',
    required: true,
    disclosure: 'secret',
  },
  {
    name: 'GATEWAY_KEY_CACHE_TTL_MS',
    description:
      'How long a verified key stays cached (at most 5000); bounds how long a revoke on another instance goes unseen.',
    default: '2000',
  },
  {
    name: 'GATEWAY_BOOTSTRAP_ADMIN_KEY',
    description:
      'An admin key (ssg_<12>_<43>) that must exist: created at boot if missing. Zero-config prints a generated one instead.',
    disclosure: 'secret',
  },
  {
    name: 'GATEWAY_DATA_DIR',
    description: 'Zero-config only: where the embedded database and the generated pepper live.',
    default: '.data',
  },
  {
    name: 'GATEWAY_CURRENCY',
    description: 'Currency of the upstream account and of every balance: usd or rub.',
    default: 'usd',
  },
  {
    name: 'GATEWAY_DEFAULT_MARKUP_PERCENT',
    description:
      "Markup over StreamSkill's price, in percent (e.g. 15 or 12.50), when neither the customer nor the tariff sets one.",
    default: '0',
  },
  {
    name: 'CATALOG_REFRESH_INTERVAL_MS',
    description:
      'How often the cached StreamSkill details of the enabled tariffs are refreshed, one tariff at a time, in milliseconds (a background job).',
    default: '3600000',
  },
  {
    name: 'PURCHASE_HOLD_MARGIN_PERCENT',
    description:
      "Percent added to a purchase's quote when funds are held, since StreamSkill's authoritative price may differ slightly.",
    default: '10',
  },
  {
    name: 'PURCHASE_SETTLE_DEADLINE_MS',
    description:
      'How long a purchase whose upstream outcome is unknown stays held before the reconciler releases it, in milliseconds.',
    default: '900000',
  },
  {
    name: 'BACKGROUND_JOBS_ENABLED',
    description:
      'true or false: whether this instance runs the background jobs (reconciler, status sync, catalog refresh; one instance at a time runs each).',
    default: 'true',
  },
  {
    name: 'RECONCILE_INTERVAL_MS',
    description:
      'Pause between two reconciler passes (settling purchases whose outcome is unknown), in milliseconds.',
    default: '30000',
  },
  {
    name: 'STATUS_SYNC_INTERVAL_MS',
    description: 'Pause between two refreshes of unfinished purchases from StreamSkill, in milliseconds.',
    default: '60000',
  },
  {
    name: 'RATE_LIMIT_DEFAULT_BURST',
    description:
      'Requests per second a customer may make with all its keys together, when its plan has no row in /admin/rate-limit-plans.',
    default: '30',
  },
  {
    name: 'RATE_LIMIT_DEFAULT_PER_MINUTE',
    description:
      'Requests per minute a customer may make with all its keys together, when its plan has no row.',
    default: '600',
  },
  {
    name: 'RATE_LIMIT_ADMIN_BURST',
    description: 'Requests per second of each admin key (admin routes, and customer routes On-Behalf-Of).',
    default: '50',
  },
  {
    name: 'RATE_LIMIT_ADMIN_PER_MINUTE',
    description: 'Requests per minute of each admin key.',
    default: '1200',
  },
  {
    name: 'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE',
    description:
      'Failed authentications (401) one client IP may make per minute; past it the IP gets 429 before its keys are checked.',
    default: '30',
  },
  {
    name: 'RATE_LIMIT_REDIS_FAILURE_MODE',
    description:
      "When Redis cannot be reached: local (count every request in this instance's memory), open (reads unlimited, writes counted in memory) or closed (reads unlimited, writes refused with 503).",
    default: 'local',
  },
  {
    name: 'RATE_LIMIT_REDIS_PREFIX',
    description:
      'Prefix of the rate-limit counters in Redis (instances sharing counters must use the same one).',
    default: 'ssg:rl:',
  },
  {
    name: 'RATE_LIMIT_REDIS_TIMEOUT_MS',
    description:
      'How long a rate-limit counter update may wait for Redis before the failure mode applies, in milliseconds (a refused connection fails at once).',
    default: '500',
  },
  {
    name: 'UPSTREAM_BUDGET_BURST',
    description:
      "Size of the master token's outbound token bucket, shared by every instance (StreamSkill allows a burst of 30).",
    default: '30',
  },
  {
    name: 'UPSTREAM_BUDGET_PER_SECOND',
    description:
      'Refill rate of that bucket, in upstream requests per second (StreamSkill allows 2; decimals allowed).',
    default: '2',
  },
  {
    name: 'UPSTREAM_BUDGET_BACKGROUND_RESERVE',
    description:
      'Tokens background jobs (status sync, reconciler, catalog refresh) leave in the bucket for creates and actions; below UPSTREAM_BUDGET_BURST.',
    default: '10',
  },
  {
    name: 'UPSTREAM_BUDGET_WAIT_MS',
    description:
      'How long a customer or admin request waits for an upstream token before it gets 503 upstream_busy, in milliseconds.',
    default: '2000',
  },
  {
    name: 'UPSTREAM_BUDGET_BACKGROUND_WAIT_MS',
    description:
      'How long a background job call waits for an upstream token before its pass gives up, in milliseconds.',
    default: '30000',
  },
  {
    name: 'UPSTREAM_BUDGET_PER_CUSTOMER_BURST',
    description:
      "Upstream calls one customer's requests may make at once, so that one busy reseller cannot empty the shared bucket.",
    default: '10',
  },
  {
    name: 'UPSTREAM_BUDGET_PER_CUSTOMER_PER_SECOND',
    description: "Refill rate of each customer's own upstream allowance, per second (decimals allowed).",
    default: '1',
  },
  {
    name: 'UPSTREAM_BUDGET_BUSY_CUSTOMER_RESERVE',
    description:
      'Tokens a customer that has used more than half of its own allowance leaves in the shared bucket for the other customers; below UPSTREAM_BUDGET_BURST.',
    default: '5',
  },
  { name: 'HOST', description: 'Address the HTTP server binds to.', default: '0.0.0.0' },
  { name: 'PORT', description: 'Port the HTTP server listens on (0 = any free port).', default: '3000' },
  {
    name: 'BODY_LIMIT_BYTES',
    description: 'Largest accepted request body, in bytes; larger ones get 413.',
    default: '65536',
  },
  {
    name: 'TRUST_PROXY',
    description:
      'Which proxies to trust for the client IP: false, true, a hop count, or comma-separated IPs/CIDRs.',
    default: 'false',
  },
  {
    name: 'CORS_ORIGINS',
    description: 'Comma-separated browser origins allowed by CORS (https://shop.example); empty = CORS off.',
    default: '',
  },
  {
    name: 'LOG_LEVEL',
    description: 'Lowest level written to the JSON log: fatal, error, warn, info, debug, trace or silent.',
    default: 'info',
  },
  {
    name: 'METRICS_TOKEN',
    description:
      'Bearer token (16+ characters) that GET /metrics requires; unset = the Prometheus metrics are public.',
    disclosure: 'secret',
  },
  {
    name: 'SHUTDOWN_GRACE_MS',
    description: 'On SIGTERM/SIGINT, how long in-flight requests may take to finish before being cut off.',
    default: '10000',
  },
];
