import { KeyCache } from './key-cache';
import { KeyRecord } from './key-record';

const record = { id: 'k1' } as KeyRecord;

describe('KeyCache', () => {
  it('serves an entry until its TTL passes, then forgets it', () => {
    let now = 1000;
    const cache = new KeyCache(2000, 10, () => now);
    cache.set('pub', record);
    now = 2999;
    expect(cache.get('pub')).toBe(record);
    now = 3000;
    expect(cache.get('pub')).toBeUndefined();
  });

  it('remembers unknown ids as null, distinct from not cached', () => {
    const cache = new KeyCache(1000);
    cache.set('nobody', null);
    expect(cache.get('nobody')).toBeNull();
    expect(cache.get('other')).toBeUndefined();
  });

  it('evicts the oldest entry when full', () => {
    const cache = new KeyCache(60_000, 2);
    cache.set('a', record);
    cache.set('b', record);
    cache.set('c', record);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBe(record);
  });
});
