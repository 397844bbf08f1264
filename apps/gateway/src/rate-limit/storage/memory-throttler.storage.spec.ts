import { ThrottlerStorageService } from '@nestjs/throttler';
import { MemoryThrottlerStorage } from './memory-throttler.storage';

function clockedStorage() {
  const clock = { now: 1_000 };
  return { clock, storage: new MemoryThrottlerStorage(() => clock.now) };
}

describe('MemoryThrottlerStorage', () => {
  it('counts up to the limit, then refuses without counting until the window ends', () => {
    const { clock, storage } = clockedStorage();
    const hits = Array.from({ length: 5 }, () => storage.hit('burst:c:1', 1000, 3));
    expect(hits.map((record) => [record.totalHits, record.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
      [4, true],
    ]);
    expect(hits[3]).toMatchObject({ timeToExpire: 1, timeToBlockExpire: 1 });

    clock.now += 999;
    expect(storage.hit('burst:c:1', 1000, 3).isBlocked).toBe(true);
    clock.now += 1;
    expect(storage.hit('burst:c:1', 1000, 3)).toEqual({
      totalHits: 1,
      timeToExpire: 1,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
  });

  it('reports the seconds left in the window, rounded up', () => {
    const { clock, storage } = clockedStorage();
    storage.hit('k', 60_000, 1);
    clock.now += 30_500;
    expect(storage.hit('k', 60_000, 1)).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
  });

  it('keeps separate counters per key and per window length', () => {
    const { storage } = clockedStorage();
    storage.hit('a', 1000, 1);
    expect(storage.hit('b', 1000, 1).isBlocked).toBe(false);
    expect(storage.hit('a', 60_000, 1).isBlocked).toBe(false);
    expect(storage.hit('a', 1000, 1).isBlocked).toBe(true);
  });

  it('keeps one counter per key and window however many hits it takes (O(1) memory per hit)', () => {
    const { storage } = clockedStorage();
    for (let hit = 0; hit < 100_000; hit++) storage.hit('busy', 60_000, 50);
    expect(storage.size).toBe(1);
    for (let key = 0; key < 100; key++) storage.hit(`k${key}`, 60_000, 50);
    expect(storage.size).toBe(101);
  });

  it('sweeps expired windows as new ones start, a few at a time, never scanning live ones', () => {
    const { clock, storage } = clockedStorage();
    for (let key = 0; key < 1000; key++) storage.hit(`old${key}`, 1000, 10);
    clock.now += 1000;
    storage.hit('new', 1000, 10);
    // One new window swept a bounded handful of the expired ones...
    expect(storage.size).toBeGreaterThan(900);
    expect(storage.size).toBeLessThan(1001);
    // ...and as many new windows as there were expired ones leave none of them.
    for (let key = 0; key < 1000; key++) storage.hit(`new${key}`, 1000, 10);
    expect(storage.size).toBe(1001);
    clock.now += 1000;
    expect(storage.sweep()).toBe(1001);
    expect(storage.size).toBe(0);
  });

  it('sweeps in expiry order: a restarted window moves behind the live ones', () => {
    const { clock, storage } = clockedStorage();
    storage.hit('first', 1000, 10);
    clock.now += 500;
    storage.hit('second', 1000, 10);
    clock.now += 500;
    storage.hit('first', 1000, 10); // expired: a new window, ending after second's
    clock.now += 500;
    expect(storage.sweep()).toBe(1);
    expect(storage.hit('first', 1000, 10).totalHits).toBe(2);
  });

  it('answers like ThrottlerStorageService while under the limit (a drop-in storage)', async () => {
    const ours = new MemoryThrottlerStorage();
    const theirs = new ThrottlerStorageService();
    try {
      for (let hit = 0; hit < 3; hit++) {
        const a = await ours.increment('k', 60_000, 5, 60_000, 'x');
        const b = await theirs.increment('k', 60_000, 5, 60_000, 'x');
        // (Its timeToBlockExpire is not meaningful while not blocked.)
        const { totalHits, timeToExpire, isBlocked } = b;
        expect(a).toMatchObject({ totalHits, timeToExpire, isBlocked });
      }
    } finally {
      theirs.onApplicationShutdown();
    }
  });
});

describe('MemoryThrottlerStorage.hitAll', () => {
  const burst = { key: 'burst:c:1', ttl: 1000, limit: 3, name: 'burst' };
  const sustained = { key: 'sustained:c:1', ttl: 60_000, limit: 5, name: 'sustained' };
  const counts = (records: { totalHits: number; isBlocked: boolean }[]) =>
    records.map((record) => [record.totalHits, record.isBlocked]);

  it('counts one hit in every window at once', () => {
    const { storage } = clockedStorage();
    expect(counts(storage.hitAll([burst, sustained]))).toEqual([
      [1, false],
      [1, false],
    ]);
    expect(storage.hitAll([burst, sustained])).toEqual([
      { totalHits: 2, timeToExpire: 1, isBlocked: false, timeToBlockExpire: 0 },
      { totalHits: 2, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 },
    ]);
  });

  it('counts a refused hit in no window, whichever window refuses', () => {
    const { clock, storage } = clockedStorage();
    for (let hit = 0; hit < 3; hit++) storage.hitAll([burst, sustained]);
    // The burst window refuses: the sustained one is not counted either.
    expect(counts(storage.hitAll([burst, sustained]))).toEqual([
      [4, true],
      [3, false],
    ]);
    clock.now += 1000;
    for (let hit = 0; hit < 2; hit++) storage.hitAll([burst, sustained]);
    // Now the sustained window refuses (5 counted): the new burst window is not counted.
    const refused = storage.hitAll([burst, sustained]);
    expect(counts(refused)).toEqual([
      [2, false],
      [6, true],
    ]);
    expect(refused[1]).toMatchObject({ timeToBlockExpire: 59 });
    expect(storage.hit(burst.key, burst.ttl, burst.limit).totalHits).toBe(3);
  });

  it('starts no window for a request it refuses', () => {
    const { storage } = clockedStorage();
    const closed = { key: 'sustained:c:2', ttl: 60_000, limit: 0, name: 'sustained' };
    expect(counts(storage.hitAll([burst, closed]))).toEqual([
      [0, false],
      [1, true],
    ]);
    expect(storage.size).toBe(0);
  });

  it('ends each window on its own', () => {
    const { clock, storage } = clockedStorage();
    for (let hit = 0; hit < 3; hit++) storage.hitAll([burst, sustained]);
    clock.now += 1000;
    expect(counts(storage.hitAll([burst, sustained]))).toEqual([
      [1, false],
      [4, false],
    ]);
    clock.now += 59_000;
    expect(storage.hitAll([burst, sustained])).toEqual([
      { totalHits: 1, timeToExpire: 1, isBlocked: false, timeToBlockExpire: 0 },
      { totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 },
    ]);
  });

  it('shares its counters with increment (one key, one window)', async () => {
    const { storage } = clockedStorage();
    await storage.increment(burst.key, burst.ttl, burst.limit, burst.ttl, burst.name);
    expect(counts(storage.hitAll([burst]))).toEqual([[2, false]]);
  });
});
