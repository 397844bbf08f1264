import type { ThrottlerStorage } from '@nestjs/throttler';
import { ExpiringMap } from './expiring-map';
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
export class MemoryThrottlerStorage implements ThrottlerStorage {
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
    const windows = this.windowsOf(ttl);
    const now = this.now();
    let window = windows.get(key);
    if (window === undefined) {
      window = { hits: 0, endsAt: now + ttl };
      windows.set(key, window);
    }
    const refused = window.hits >= limit;
    if (!refused) window.hits++;
    return windowRecord(window.hits, refused, window.endsAt - now);
  }

  /** Deletes every expired window; returns how many. New windows sweep a few as they start anyway. */
  sweep(): number {
    let deleted = 0;
    for (const windows of this.windowsByLength.values()) deleted += windows.sweep();
    return deleted;
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
