import type { UpstreamBudgetSettings } from '../config/gateway-config';
import { skewAllowance, takeRequestFor } from './budget-policy';

const SETTINGS: UpstreamBudgetSettings = {
  burst: 30,
  perSecond: 2,
  backgroundReserve: 10,
  waitMs: 2000,
  backgroundWaitMs: 30000,
  perCustomerBurst: 5,
  perCustomerPerSecond: 1,
  busyCustomerReserve: 4,
};

describe('skewAllowance', () => {
  it('keeps one second of refill in hand, always leaving a full bucket able to give a token', () => {
    expect(skewAllowance({ burst: 30, perSecond: 2 })).toBe(2);
    expect(skewAllowance({ burst: 30, perSecond: 0.5 })).toBe(0.5);
    expect(skewAllowance({ burst: 3, perSecond: 10 })).toBe(2);
    expect(skewAllowance({ burst: 1, perSecond: 2 })).toBe(0);
  });
});

describe('takeRequestFor', () => {
  it("lets interactive calls use the whole bucket, within the customer's own allowance", () => {
    expect(takeRequestFor('interactive', 'cust-1', SETTINGS)).toEqual({
      minTokens: 3,
      customer: { id: 'cust-1', limits: { burst: 5, perSecond: 1 }, busyMinTokens: 7 },
    });
  });

  it('applies no customer allowance outside of a customer request (admin calls)', () => {
    expect(takeRequestFor('interactive', undefined, SETTINGS)).toEqual({ minTokens: 3 });
  });

  it('makes background calls leave the reserve in the bucket, for no customer', () => {
    expect(takeRequestFor('background', 'cust-1', SETTINGS)).toEqual({ minTokens: 13 });
  });

  it('never asks for more than the bucket can hold', () => {
    expect(takeRequestFor('background', undefined, { ...SETTINGS, burst: 11 })).toEqual({ minTokens: 11 });
    expect(takeRequestFor('interactive', undefined, { ...SETTINGS, burst: 1 })).toEqual({ minTokens: 1 });
  });
});
