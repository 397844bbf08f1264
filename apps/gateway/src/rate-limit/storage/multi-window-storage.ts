import type { ThrottlerStorage } from '@nestjs/throttler';
import type { WindowRecord } from './window-record';

/** One fixed-window counter a request is counted in: `name` is its policy (burst, sustained...). */
export interface CounterWindow {
  key: string;
  /** The window's length, in ms. */
  ttl: number;
  limit: number;
  name: string;
}

/**
 * A ThrottlerStorage that also counts a request in all of its windows at once, atomically: if any
 * window refuses, the hit is counted in none of them. Answers one record per window, in order.
 */
export interface MultiWindowThrottlerStorage extends ThrottlerStorage {
  hitAll(windows: readonly CounterWindow[]): WindowRecord[] | Promise<WindowRecord[]>;
}

/** The storage given to ThrottlerModule, checked at boot: a storage without hitAll cannot serve the guard. */
export function multiWindowStorage(storage: ThrottlerStorage): MultiWindowThrottlerStorage {
  if (typeof (storage as Partial<MultiWindowThrottlerStorage>).hitAll !== 'function') {
    throw new Error('The rate-limit storage must count every window of a request at once (hitAll)');
  }
  return storage as MultiWindowThrottlerStorage;
}
