import { ExpiringMap } from './expiring-map';
import type { CounterWindow, MultiWindowThrottlerStorage } from './multi-window-storage';
import { WindowRecord, windowRecord } from './window-record';

interface Window {
  hits: number;
  endsAt: number;
}

/** Past this many live windows of one length, the oldest is dropped (a bound on memory, not a limit). */
const MAX_WINDOWS_PER_LENGTH = 1_000_000;

/**
 * Fixed-window counters in this process: one counter per key and window, O(1) per hit. A window
 * starts at its key's first hit and lasts `ttl`; hits past the limit are refused and not counted.
 * Windows of one length live in one ExpiringMap, so that expired ones are swept from its front a few
 * at a time as new windows start, never by scanning. (@nestjs/throttler's own storage keeps every hit
 * and filters them on each request, which collapses under load.)
 */
export class MemoryThrottlerStorage implements MultiWindowThrottlerStorage {
  private readonly windowsByLength = new Map<number, ExpiringMap<Window>>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Live and not yet swept windows, over every window length. */
  get size(): number {
    let size = 0;
    for (const windows of this.windowsByLength.values()) size += windows.size;
    return size;
  }

  /** `blockDuration` is not used: a refusal lasts until the window ends (see windowRecord). */
  increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration?: number,
    _name?: string,
  ): Promise<WindowRecord> {
    return Promise.resolve(this.hit(key, ttl, limit));
  }

  hit(key: string, ttl: number, limit: number): WindowRecord {
    const now = this.now();
    const window = this.windowsOf(ttl).get(key) ?? this.start(key, ttl, now);
    const refused = window.hits >= limit;
    if (!refused) window.hits++;
    return windowRecord(window.hits, refused, window.endsAt - now);
  }

  /** Counts one hit in every window, or, when any of them refuses, in none (and starts no window). */
  hitAll(windows: readonly CounterWindow[]): WindowRecord[] {
    const now = this.now();
    const found = windows.map(({ key, ttl }) => this.windowsOf(ttl).get(key));
    const refused = windows.map(({ limit }, index) => (found[index]?.hits ?? 0) >= limit);
    if (refused.includes(true)) {
      return windows.map(({ ttl }, index) => {
        const window = found[index];
        return windowRecord(window?.hits ?? 0, refused[index], window ? window.endsAt - now : ttl);
      });
    }
    return windows.map(({ key, ttl }, index) => {
      const window = found[index] ?? this.start(key, ttl, now);
      window.hits++;
      return windowRecord(window.hits, false, window.endsAt - now);
    });
  }

  /** Deletes every expired window; returns how many. New windows sweep a few as they start anyway. */
  sweep(): number {
    let deleted = 0;
    for (const windows of this.windowsByLength.values()) deleted += windows.sweep();
    return deleted;
  }

  private start(key: string, ttl: number, now: number): Window {
    const window = { hits: 0, endsAt: now + ttl };
    this.windowsOf(ttl).set(key, window);
    return window;
  }

  private windowsOf(ttl: number): ExpiringMap<Window> {
    let windows = this.windowsByLength.get(ttl);
    if (windows === undefined) {
      windows = new ExpiringMap<Window>(ttl, MAX_WINDOWS_PER_LENGTH, this.now);
      this.windowsByLength.set(ttl, windows);
    }
    return windows;
  }
}
