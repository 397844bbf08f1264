/**
 * A Map whose entries all live for the same time, so that insertion order is expiry order: a set()
 * re-inserts at the end, and expired entries are deleted from the front. Every operation is O(1)
 * (the sweep on set() deletes at most a few entries, each entry is deleted once), and the map never
 * holds more than `maxEntries`: past it the oldest entry goes first.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sweepPerSet = 8,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    this.sweep(this.sweepPerSet);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.deleteOldest();
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Deletes expired entries from the front, at most `limit`; returns how many it deleted. */
  sweep(limit = Infinity): number {
    const now = this.now();
    let deleted = 0;
    for (const [key, entry] of this.entries) {
      if (deleted >= limit || entry.expiresAt > now) break;
      this.entries.delete(key);
      deleted++;
    }
    return deleted;
  }

  private deleteOldest(): void {
    const oldest = this.entries.keys().next();
    if (!oldest.done) this.entries.delete(oldest.value);
  }
}
