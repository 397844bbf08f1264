import type { UpstreamBudgetSettings } from '../config/gateway-config';
import { JITTER_ALLOWANCE_TOKENS, takeRequestFor } from './budget-policy';

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

describe('takeRequestFor', () => {
  it("lets interactive calls use the whole bucket, within the customer's own allowance", () => {
    expect(takeRequestFor('interactive', 'cust-1', SETTINGS)).toEqual({
      minTokens: 1 + JITTER_ALLOWANCE_TOKENS,
      customer: { id: 'cust-1', limits: { burst: 5, perSecond: 1 }, busyMinTokens: 5.5 },
    });
  });

  it('applies no customer allowance outside of a customer request (admin calls)', () => {
    expect(takeRequestFor('interactive', undefined, SETTINGS)).toEqual({ minTokens: 1.5 });
  });

  it('makes background calls leave the reserve in the bucket, for no customer', () => {
    expect(takeRequestFor('background', 'cust-1', SETTINGS)).toEqual({ minTokens: 11.5 });
  });

  it('never asks for more than the bucket can hold', () => {
    expect(takeRequestFor('background', undefined, { ...SETTINGS, burst: 11 })).toEqual({ minTokens: 11 });
    expect(takeRequestFor('interactive', undefined, { ...SETTINGS, burst: 1 })).toEqual({ minTokens: 1 });
  });
});
