import { policiesFor } from './limits/limit-windows';
import { RequestLimits } from './limits/request-limits';
import { rateLimitHeader, rateLimitPolicyHeader } from './rate-limit-headers';
import { windowRecord } from './storage/window-record';

const limits = (overrides: Partial<RequestLimits> = {}): RequestLimits => ({
  budgetTracker: 'c:1',
  keyTracker: 'k:1',
  burst: 30,
  perMinute: 600,
  keyBurst: null,
  keyPerMinute: null,
  ...overrides,
});

describe('RateLimit headers', () => {
  it('advertises the burst and sustained policies, with key policies only when set', () => {
    expect(rateLimitPolicyHeader(policiesFor(limits()))).toBe('"burst";q=30;w=1, "sustained";q=600;w=60');
    expect(rateLimitPolicyHeader(policiesFor(limits({ keyBurst: 10, keyPerMinute: 100 })))).toBe(
      '"key-burst";q=10;w=1, "burst";q=30;w=1, "key-sustained";q=100;w=60, "sustained";q=600;w=60',
    );
  });

  it('reports what is left of each window and when it ends, never below zero', () => {
    const [burst, sustained] = policiesFor(limits());
    expect(
      rateLimitHeader([
        { policy: burst, record: windowRecord(18, false, 400) },
        { policy: sustained, record: windowRecord(600, true, 41_200) },
      ]),
    ).toBe('"burst";r=12;t=1, "sustained";r=0;t=42');
  });
});
