import { ExpiringMap } from './expiring-map';

describe('ExpiringMap', () => {
  const clock = { now: 0 };
  const map = (maxEntries = 10) => new ExpiringMap<string>(100, maxEntries, () => clock.now, 2);
  beforeEach(() => (clock.now = 0));

  it('forgets an entry once its time is up', () => {
    const entries = map();
    entries.set('a', 'A');
    clock.now = 99;
    expect(entries.get('a')).toBe('A');
    clock.now = 100;
    expect(entries.get('a')).toBeUndefined();
    expect(entries.size).toBe(0);
  });

  it('renews an entry that is set again', () => {
    const entries = map();
    entries.set('a', 'A');
    clock.now = 60;
    entries.set('a', 'B');
    clock.now = 150;
    expect(entries.get('a')).toBe('B');
  });

  it('drops the oldest entry past its size', () => {
    const entries = map(2);
    entries.set('a', 'A');
    entries.set('b', 'B');
    entries.set('c', 'C');
    expect([entries.get('a'), entries.get('b'), entries.get('c')]).toEqual([undefined, 'B', 'C']);
  });

  it('sweeps at most a few expired entries per set, and stops at the first live one', () => {
    const entries = map(100);
    for (const key of ['a', 'b', 'c', 'd']) entries.set(key, key);
    clock.now = 50;
    entries.set('live', 'x');
    clock.now = 120;
    entries.set('e', 'e');
    expect(entries.size).toBe(4); // a and b swept, c and d left for later
    expect(entries.sweep()).toBe(2);
    expect(entries.size).toBe(2);
  });
});
