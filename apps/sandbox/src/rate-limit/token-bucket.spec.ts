import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst, then refuses until a token refills', () => {
    const bucket = new TokenBucket({ burst: 3, perSecond: 2 }, 0);
    expect([1, 2, 3].map(() => bucket.take(0).allowed)).toEqual([true, true, true]);
    expect(bucket.take(0)).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 1 });
    expect(bucket.take(499).allowed).toBe(false);
    expect(bucket.take(500).allowed).toBe(true);
  });

  it('reports remaining whole tokens and never refills past the burst', () => {
    const bucket = new TokenBucket({ burst: 2, perSecond: 1 }, 0);
    expect(bucket.take(0)).toMatchObject({ remaining: 1, resetSeconds: 0 });
    expect(bucket.take(60_000)).toMatchObject({ remaining: 1 });
  });

  it('rounds the reset up for slow refill rates', () => {
    const bucket = new TokenBucket({ burst: 1, perSecond: 0.5 }, 0);
    bucket.take(0);
    expect(bucket.take(0)).toMatchObject({ allowed: false, resetSeconds: 2 });
  });
});
