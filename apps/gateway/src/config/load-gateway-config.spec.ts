import { getMetadataStorage } from 'class-validator';
import { EnvironmentVariables } from './environment-variables';
import { InvalidSettingError } from './invalid-setting.error';
import { loadGatewayConfig } from './load-gateway-config';
import { SETTINGS } from './settings';

const REQUIRED = {
  DATABASE_URL: 'postgresql://gateway:s3cret@db.internal:5432/gateway',
  STREAMSKILL_API_TOKEN: 'master-token-value',
  GATEWAY_KEY_PEPPER: 'pepper-0123456789abcdef0123456789abcdef',
};

function failureOf(env: NodeJS.ProcessEnv): InvalidSettingError {
  try {
    loadGatewayConfig(env);
  } catch (error) {
    if (error instanceof InvalidSettingError) return error;
    throw error;
  }
  throw new Error('expected the settings to be rejected');
}

describe('loadGatewayConfig', () => {
  it('applies the documented defaults when only the required settings are set', () => {
    const config = loadGatewayConfig(REQUIRED);
    expect(config.http).toEqual({
      host: '0.0.0.0',
      port: 3000,
      bodyLimitBytes: 65536,
      trustProxy: false,
      corsOrigins: [],
      shutdownGraceMs: 10000,
    });
    expect(config.database).toEqual({ url: REQUIRED.DATABASE_URL, poolSize: 10, preparedStatements: true });
    expect(config.streamSkill).toEqual({
      baseUrl: 'https://api.streamskill.pro/v1',
      token: 'master-token-value',
      language: 'en',
      readTimeoutMs: 10000,
      writeTimeoutMs: 20000,
    });
    expect(config.auth).toEqual({ keyPepper: REQUIRED.GATEWAY_KEY_PEPPER, keyCacheTtlMs: 2000 });
    expect(config.redisUrl).toBeUndefined();
    expect(config.currency).toBe('usd');
    expect(config.pricing).toEqual({ defaultMarkupPercent: '0' });
    expect(config.catalog).toEqual({ refreshIntervalMs: 3600000 });
    expect(config.purchases).toEqual({ holdMarginPercent: 10, settleDeadlineMs: 900000 });
    expect(config.jobs).toEqual({ enabled: true, reconcileIntervalMs: 30000, statusSyncIntervalMs: 60000 });
    expect(config.upstreamBudget).toEqual({
      burst: 30,
      perSecond: 2,
      backgroundReserve: 10,
      waitMs: 2000,
      backgroundWaitMs: 30000,
      perCustomerBurst: 10,
      perCustomerPerSecond: 1,
      busyCustomerReserve: 5,
    });
    expect(config.logLevel).toBe('info');
  });

  it('reads the upstream budget settings, rates with decimals', () => {
    const config = loadGatewayConfig({
      ...REQUIRED,
      UPSTREAM_BUDGET_BURST: '5',
      UPSTREAM_BUDGET_PER_SECOND: '0.5',
      UPSTREAM_BUDGET_BACKGROUND_RESERVE: '0',
      UPSTREAM_BUDGET_WAIT_MS: '0',
      UPSTREAM_BUDGET_BACKGROUND_WAIT_MS: '120000',
      UPSTREAM_BUDGET_PER_CUSTOMER_BURST: '2',
      UPSTREAM_BUDGET_PER_CUSTOMER_PER_SECOND: '0.25',
      UPSTREAM_BUDGET_BUSY_CUSTOMER_RESERVE: '0',
    });
    expect(config.upstreamBudget).toEqual({
      burst: 5,
      perSecond: 0.5,
      backgroundReserve: 0,
      waitMs: 0,
      backgroundWaitMs: 120000,
      perCustomerBurst: 2,
      perCustomerPerSecond: 0.25,
      busyCustomerReserve: 0,
    });
  });

  it('refuses a busy-customer reserve as large as the bucket', () => {
    const error = failureOf({ ...REQUIRED, UPSTREAM_BUDGET_BUSY_CUSTOMER_RESERVE: '30' });
    expect(error.settings).toEqual(['UPSTREAM_BUDGET_BUSY_CUSTOMER_RESERVE']);
    expect(error.message).toContain(
      'must be below UPSTREAM_BUDGET_BURST (30), or busy customers never reach',
    );
  });

  it('refuses a background reserve that leaves background jobs nothing', () => {
    const error = failureOf({
      ...REQUIRED,
      UPSTREAM_BUDGET_BURST: '10',
      UPSTREAM_BUDGET_BACKGROUND_RESERVE: '10',
    });
    expect(error.message).toBe(
      'Invalid setting UPSTREAM_BUDGET_BACKGROUND_RESERVE: must be below UPSTREAM_BUDGET_BURST (10), or background jobs never reach StreamSkill (got "10")',
    );
    expect(error.settings).toEqual(['UPSTREAM_BUDGET_BACKGROUND_RESERVE']);
  });

  it('reads the pricing and catalog settings, keeping the markup a decimal string', () => {
    const config = loadGatewayConfig({
      ...REQUIRED,
      GATEWAY_DEFAULT_MARKUP_PERCENT: '12.50',
      CATALOG_REFRESH_INTERVAL_MS: '60000',
    });
    expect(config.pricing).toEqual({ defaultMarkupPercent: '12.50' });
    expect(config.catalog).toEqual({ refreshIntervalMs: 60000 });
  });

  it('reads the purchase settings', () => {
    const config = loadGatewayConfig({
      ...REQUIRED,
      PURCHASE_HOLD_MARGIN_PERCENT: '0',
      PURCHASE_SETTLE_DEADLINE_MS: '60000',
    });
    expect(config.purchases).toEqual({ holdMarginPercent: 0, settleDeadlineMs: 60000 });
  });

  it('reads the background job settings', () => {
    const config = loadGatewayConfig({
      ...REQUIRED,
      BACKGROUND_JOBS_ENABLED: 'false',
      RECONCILE_INTERVAL_MS: '1000',
      STATUS_SYNC_INTERVAL_MS: '86400000',
    });
    expect(config.jobs).toEqual({
      enabled: false,
      reconcileIntervalMs: 1000,
      statusSyncIntervalMs: 86400000,
    });
  });

  it('parses every kind of value', () => {
    const config = loadGatewayConfig({
      ...REQUIRED,
      PORT: '0',
      HOST: '::',
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      STREAMSKILL_BASE_URL: 'http://127.0.0.1:4010/v1/',
      STREAMSKILL_LANGUAGE: 'ru',
      GATEWAY_CURRENCY: 'rub',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
      CORS_ORIGINS: 'https://shop.example, http://localhost:5173/',
      LOG_LEVEL: 'silent',
    });
    expect(config.http.port).toBe(0);
    expect(config.http.host).toBe('::');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379/0');
    expect(config.streamSkill.baseUrl).toBe('http://127.0.0.1:4010/v1');
    expect(config.streamSkill.language).toBe('ru');
    expect(config.currency).toBe('rub');
    expect(config.http.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(config.http.corsOrigins).toEqual(['https://shop.example', 'http://localhost:5173']);
    expect(config.logLevel).toBe('silent');
  });

  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['loopback', ['loopback']],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(loadGatewayConfig({ ...REQUIRED, TRUST_PROXY: value }).http.trustProxy).toEqual(expected);
  });

  it('treats an empty variable as unset', () => {
    expect(loadGatewayConfig({ ...REQUIRED, PORT: '', LOG_LEVEL: ' ' }).http.port).toBe(3000);
  });

  it.each(['DATABASE_URL', 'STREAMSKILL_API_TOKEN', 'GATEWAY_KEY_PEPPER'])('names a missing %s', (name) => {
    const error = failureOf({ ...REQUIRED, [name]: undefined });
    expect(error.message).toMatch(new RegExp(`^Missing required setting ${name}: `));
    expect(error.settings).toEqual([name]);
  });

  it.each([
    ['PORT', 'abc', 'Invalid setting PORT: must be an integer between 0 and 65535 (got "abc")'],
    ['PORT', '70000', 'Invalid setting PORT: must be an integer between 0 and 65535 (got "70000")'],
    ['DATABASE_POOL_SIZE', '0', 'Invalid setting DATABASE_POOL_SIZE: must be an integer between 1 and 500'],
    ['BODY_LIMIT_BYTES', '1.5', 'Invalid setting BODY_LIMIT_BYTES: must be an integer between'],
    ['SHUTDOWN_GRACE_MS', '-1', 'Invalid setting SHUTDOWN_GRACE_MS: must be an integer between 0 and'],
    ['STREAMSKILL_READ_TIMEOUT_MS', '1e3', 'Invalid setting STREAMSKILL_READ_TIMEOUT_MS: must be an integer'],
    ['STREAMSKILL_WRITE_TIMEOUT_MS', 'x', 'Invalid setting STREAMSKILL_WRITE_TIMEOUT_MS: must be an integer'],
    ['STREAMSKILL_LANGUAGE', 'de', 'Invalid setting STREAMSKILL_LANGUAGE: must be one of en, ru (got "de")'],
    ['GATEWAY_CURRENCY', 'eur', 'Invalid setting GATEWAY_CURRENCY: must be one of usd, rub (got "eur")'],
    [
      'GATEWAY_DEFAULT_MARKUP_PERCENT',
      '-5',
      'Invalid setting GATEWAY_DEFAULT_MARKUP_PERCENT: must be a decimal from 0 to 9999.99 with at most 2 decimals, e.g. 15 or 12.50 (got "-5")',
    ],
    ['GATEWAY_DEFAULT_MARKUP_PERCENT', '1.005', 'Invalid setting GATEWAY_DEFAULT_MARKUP_PERCENT: must be a'],
    ['GATEWAY_DEFAULT_MARKUP_PERCENT', '10%', 'Invalid setting GATEWAY_DEFAULT_MARKUP_PERCENT: must be a'],
    ['CATALOG_REFRESH_INTERVAL_MS', '999', 'Invalid setting CATALOG_REFRESH_INTERVAL_MS: must be an integer'],
    ['CATALOG_REFRESH_INTERVAL_MS', '1h', 'Invalid setting CATALOG_REFRESH_INTERVAL_MS: must be an integer'],
    [
      'PURCHASE_HOLD_MARGIN_PERCENT',
      '2.5',
      'Invalid setting PURCHASE_HOLD_MARGIN_PERCENT: must be an integer between 0 and 100 (got "2.5")',
    ],
    [
      'PURCHASE_HOLD_MARGIN_PERCENT',
      '101',
      'Invalid setting PURCHASE_HOLD_MARGIN_PERCENT: must be an integer',
    ],
    ['PURCHASE_SETTLE_DEADLINE_MS', '999', 'Invalid setting PURCHASE_SETTLE_DEADLINE_MS: must be an integer'],
    [
      'PURCHASE_SETTLE_DEADLINE_MS',
      'soon',
      'Invalid setting PURCHASE_SETTLE_DEADLINE_MS: must be an integer',
    ],
    [
      'BACKGROUND_JOBS_ENABLED',
      'yes',
      'Invalid setting BACKGROUND_JOBS_ENABLED: must be one of true, false (got "yes")',
    ],
    [
      'RECONCILE_INTERVAL_MS',
      '999',
      'Invalid setting RECONCILE_INTERVAL_MS: must be an integer between 1000',
    ],
    ['STATUS_SYNC_INTERVAL_MS', '1m', 'Invalid setting STATUS_SYNC_INTERVAL_MS: must be an integer between'],
    ['UPSTREAM_BUDGET_BURST', '0', 'Invalid setting UPSTREAM_BUDGET_BURST: must be an integer between 1'],
    [
      'UPSTREAM_BUDGET_PER_SECOND',
      '0',
      'Invalid setting UPSTREAM_BUDGET_PER_SECOND: must be a number above 0',
    ],
    [
      'UPSTREAM_BUDGET_PER_SECOND',
      '0.00',
      'Invalid setting UPSTREAM_BUDGET_PER_SECOND: must be a number above',
    ],
    [
      'UPSTREAM_BUDGET_PER_SECOND',
      '-2',
      'Invalid setting UPSTREAM_BUDGET_PER_SECOND: must be a number above',
    ],
    [
      'UPSTREAM_BUDGET_PER_CUSTOMER_PER_SECOND',
      '1.005',
      'Invalid setting UPSTREAM_BUDGET_PER_CUSTOMER_PER_SECOND: must be a number above 0',
    ],
    [
      'UPSTREAM_BUDGET_WAIT_MS',
      '60001',
      'Invalid setting UPSTREAM_BUDGET_WAIT_MS: must be an integer between 0',
    ],
    ['LOG_LEVEL', 'verbose', 'Invalid setting LOG_LEVEL: must be one of fatal, error, warn, info, debug'],
    ['HOST', 'not a host', 'Invalid setting HOST: must be an IP address or a host name (got "not a host")'],
    [
      'STREAMSKILL_BASE_URL',
      'ftp://x/v1',
      'Invalid setting STREAMSKILL_BASE_URL: must be a URL starting with',
    ],
    ['STREAMSKILL_BASE_URL', 'api.streamskill.pro', 'Invalid setting STREAMSKILL_BASE_URL: must be a URL'],
    [
      'DATABASE_URL',
      'mysql://u@h/db',
      'Invalid setting DATABASE_URL: must be a URL starting with postgresql://',
    ],
    ['REDIS_URL', 'http://cache:6379', 'Invalid setting REDIS_URL: must be a URL starting with redis://'],
    ['TRUST_PROXY', 'yes', 'Invalid setting TRUST_PROXY: must be false, true, a hop count'],
    ['TRUST_PROXY', '10.0.0.0/33', 'Invalid setting TRUST_PROXY: must be false, true, a hop count'],
    ['CORS_ORIGINS', 'https://shop.example/path', 'Invalid setting CORS_ORIGINS: must be a comma-separated'],
    ['CORS_ORIGINS', '*', 'Invalid setting CORS_ORIGINS: must be a comma-separated'],
    [
      'GATEWAY_KEY_CACHE_TTL_MS',
      'soon',
      'Invalid setting GATEWAY_KEY_CACHE_TTL_MS: must be an integer between',
    ],
  ])('names %s when it is %j', (name, value, expected) => {
    const error = failureOf({ ...REQUIRED, [name]: value });
    expect(error.message.startsWith(expected)).toBe(true);
    expect(error.message).not.toContain('\n');
    expect(error.settings).toEqual([name]);
  });

  it('never echoes a secret, even a bad one', () => {
    const error = failureOf({ ...REQUIRED, GATEWAY_KEY_PEPPER: 'short-pepper' });
    expect(error.message).toBe('Invalid setting GATEWAY_KEY_PEPPER: must be at least 32 characters long');
  });

  it('reads the metrics token: unset means public metrics', () => {
    expect(loadGatewayConfig(REQUIRED).metrics).toEqual({ token: undefined });
    const token = 'scrape-0123456789abcdef';
    expect(loadGatewayConfig({ ...REQUIRED, METRICS_TOKEN: token }).metrics).toEqual({ token });
    expect(loadGatewayConfig({ ...REQUIRED, METRICS_TOKEN: ' ' }).metrics).toEqual({ token: undefined });
  });

  it('refuses a short metrics token without echoing it', () => {
    const error = failureOf({ ...REQUIRED, METRICS_TOKEN: 'short-token' });
    expect(error.message).toBe('Invalid setting METRICS_TOKEN: must be at least 16 characters long');
    expect(error.settings).toEqual(['METRICS_TOKEN']);
  });

  it('never echoes a database password', () => {
    const error = failureOf({ ...REQUIRED, DATABASE_URL: 'mysql://admin:hunter2@db/app' });
    expect(error.message).toContain('mysql://admin:***@db/app');
    expect(error.message).not.toContain('hunter2');
  });

  it('reports the first bad setting and lists the others on the same line', () => {
    const error = failureOf({ ...REQUIRED, PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: undefined });
    expect(error.message).toMatch(
      /^Missing required setting DATABASE_URL: .* \(also missing or invalid: PORT, LOG_LEVEL\)$/,
    );
    expect(error.settings).toEqual(['DATABASE_URL', 'PORT', 'LOG_LEVEL']);
  });

  it('documents every setting it validates, and validates every setting it documents', () => {
    const rules = getMetadataStorage().getTargetValidationMetadatas(EnvironmentVariables, '', true, false);
    const validated = [...new Set(rules.map((rule) => rule.propertyName))];
    expect(validated.sort()).toEqual(SETTINGS.map((setting) => setting.name).sort());
    for (const setting of SETTINGS) expect(setting.description).toMatch(/\.$/);
  });
});
