import fc from 'fast-check';
import { backedOff, decideTake, levelAt, msUntil, type SharedState } from './bucket-math';

const LIMITS = { burst: 30, perSecond: 2 };

describe('bucket arithmetic', () => {
  it('starts full, refills at perSecond and never above the burst', () => {
    expect(levelAt(undefined, 0, LIMITS)).toBe(30);
    expect(levelAt({ tokens: 0, at: 1000 }, 1500, LIMITS)).toBe(1);
    expect(levelAt({ tokens: 0.5, at: 1000 }, 2250, LIMITS)).toBe(3);
    expect(levelAt({ tokens: 29, at: 0 }, 60_000, LIMITS)).toBe(30);
  });

  it('adds nothing for a clock that reads earlier than the last update', () => {
    expect(levelAt({ tokens: 4, at: 5000 }, 4000, LIMITS)).toBe(4);
  });

  it('says how long until a level is reached, at least 1 ms', () => {
    expect(msUntil(0, 1, 2)).toBe(500);
    expect(msUntil(0.9, 1.5, 2)).toBe(300);
    expect(msUntil(2, 1.5, 2)).toBe(1);
  });

  it('takes one token when the bucket holds at least minTokens', () => {
    const { result, global } = decideTake({ global: { tokens: 2, at: 0 } }, { minTokens: 1.5 }, LIMITS, 0);
    expect(result).toEqual({ granted: true, tokens: 1 });
    expect(global).toEqual({ tokens: 1, at: 0 });
  });

  it('refuses below minTokens and says when it will be reached', () => {
    const { result, global } = decideTake({ global: { tokens: 1, at: 0 } }, { minTokens: 1.5 }, LIMITS, 0);
    expect(result).toEqual({ granted: false, reason: 'tokens', waitMs: 250 });
    expect(global).toBeUndefined();
  });

  it('refuses everything during a backoff, whatever the level', () => {
    const state: SharedState = { global: { tokens: 30, at: 0 }, backoffUntil: 4000 };
    expect(decideTake(state, { minTokens: 1 }, LIMITS, 1000).result).toEqual({
      granted: false,
      reason: 'backoff',
      waitMs: 3000,
    });
    expect(decideTake(state, { minTokens: 1 }, LIMITS, 4000).result.granted).toBe(true);
  });

  it("takes from the customer's bucket too, and from neither when the customer's is empty", () => {
    const customer = { id: 'c', limits: { burst: 2, perSecond: 1 }, busyMinTokens: 1 };
    const granted = decideTake({}, { minTokens: 1, customer }, LIMITS, 0);
    expect(granted.customer).toEqual({ tokens: 1, at: 0 });
    expect(granted.global).toEqual({ tokens: 29, at: 0 });

    const empty = decideTake({ customer: { tokens: 0.25, at: 0 } }, { minTokens: 1, customer }, LIMITS, 0);
    expect(empty).toEqual({ result: { granted: false, reason: 'customer', waitMs: 750 } });
  });

  it('makes a customer past half of its own burst leave the busy reserve to the others', () => {
    const customer = { id: 'c', limits: { burst: 10, perSecond: 1 }, busyMinTokens: 6.5 };
    const global = { tokens: 6, at: 0 };
    const fresh = decideTake(
      { global, customer: { tokens: 5, at: 0 } },
      { minTokens: 1.5, customer },
      LIMITS,
      0,
    );
    expect(fresh.result).toEqual({ granted: true, tokens: 5 });
    const busy = decideTake(
      { global, customer: { tokens: 4.5, at: 0 } },
      { minTokens: 1.5, customer },
      LIMITS,
      0,
    );
    expect(busy.result).toEqual({ granted: false, reason: 'tokens', waitMs: 250 });
  });

  it('after a 429 sets the bucket to hold exactly one token at the reset', () => {
    const tokens = backedOff(30, 3000, 2);
    expect(tokens).toBe(-5);
    expect(levelAt({ tokens, at: 0 }, 3000, LIMITS)).toBe(1);
    expect(backedOff(-10, 1000, 2)).toBe(-10);
  });

  it('never hands out more than burst + perSecond x elapsed, whatever the timing of the takes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 1, max: 2, noNaN: true }),
        (gaps, minTokens) => {
          let state: SharedState = {};
          let now = 0;
          let granted = 0;
          for (const gap of gaps) {
            now += gap;
            const decision = decideTake(state, { minTokens }, LIMITS, now);
            if (decision.result.granted) {
              granted++;
              state = { global: decision.global };
            }
            expect(granted).toBeLessThanOrEqual(LIMITS.burst + (now / 1000) * LIMITS.perSecond);
          }
        },
      ),
    );
  });
});
