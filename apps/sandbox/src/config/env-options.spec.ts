import { optionsFromEnv } from './env-options';

describe('optionsFromEnv', () => {
  it('uses the standalone defaults', () => {
    expect(optionsFromEnv({})).toMatchObject({
      port: 4010,
      host: '127.0.0.1',
      token: 'sandbox-token',
      balance: '100000.00',
      currency: 'usd',
      rateLimit: { burst: 30, perSecond: 2 },
      statusStepMs: 5000,
      firstPurchaseId: 1,
      logLevel: 'info',
    });
  });

  it('reads every setting', () => {
    const options = optionsFromEnv({
      SANDBOX_PORT: '0',
      SANDBOX_HOST: '0.0.0.0',
      SANDBOX_TOKEN: 'abc',
      SANDBOX_BALANCE: '12.50',
      SANDBOX_CURRENCY: 'rub',
      SANDBOX_RATE_LIMIT: '5:0.5',
      SANDBOX_STATUS_STEP_MS: '100',
      SANDBOX_FIRST_PURCHASE_ID: '700000001',
      SANDBOX_FAULTS: '{"errorRate":{"503":0.3}}',
      SANDBOX_LOG_LEVEL: 'silent',
    });
    expect(options).toEqual({
      port: 0,
      host: '0.0.0.0',
      token: 'abc',
      balance: '12.50',
      currency: 'rub',
      rateLimit: { burst: 5, perSecond: 0.5 },
      statusStepMs: 100,
      firstPurchaseId: 700000001,
      faults: { errorRate: { '503': 0.3 } },
      logLevel: 'silent',
    });
    expect(optionsFromEnv({ SANDBOX_RATE_LIMIT: 'off' }).rateLimit).toBe(false);
  });

  it.each([
    [{ SANDBOX_PORT: 'abc' }, /^Invalid SANDBOX_PORT: /],
    [{ SANDBOX_PORT: '70000' }, /^Invalid SANDBOX_PORT: must be an integer/],
    [{ SANDBOX_BALANCE: '-5' }, /^Invalid SANDBOX_BALANCE: /],
    [{ SANDBOX_CURRENCY: 'eur' }, /^Invalid SANDBOX_CURRENCY: /],
    [{ SANDBOX_RATE_LIMIT: '30/2' }, /^Invalid SANDBOX_RATE_LIMIT: /],
    [{ SANDBOX_RATE_LIMIT: '0:2' }, /^Invalid SANDBOX_RATE_LIMIT: /],
    [{ SANDBOX_STATUS_STEP_MS: '1.5' }, /^Invalid SANDBOX_STATUS_STEP_MS: /],
    [{ SANDBOX_FIRST_PURCHASE_ID: '0' }, /^Invalid SANDBOX_FIRST_PURCHASE_ID: must be an integer/],
    [{ SANDBOX_FIRST_PURCHASE_ID: '3000000000' }, /^Invalid SANDBOX_FIRST_PURCHASE_ID: /],
    [{ SANDBOX_FAULTS: '{oops' }, /^Invalid SANDBOX_FAULTS: is not valid JSON/],
    [{ SANDBOX_FAULTS: '{"errorRate":{"503":2}}' }, /^Invalid SANDBOX_FAULTS: .*probability/],
    [{ SANDBOX_LOG_LEVEL: 'loud' }, /^Invalid SANDBOX_LOG_LEVEL: /],
    [{ SANDBOX_TOKEN: 'a b' }, /^Invalid SANDBOX_TOKEN: /],
  ])('names the bad setting: %j', (env, message) => {
    expect(() => optionsFromEnv(env)).toThrow(message);
  });
});
