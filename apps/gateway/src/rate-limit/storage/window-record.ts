import type { ThrottlerStorage } from '@nestjs/throttler';

/** What a ThrottlerStorage answers for one hit (the package does not export the type by name). */
export type WindowRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The answer for a fixed window: `hits` counted so far (a refused hit is not counted), whether this
 * hit was refused, and how long the window still runs. A refusal lasts until the window ends.
 */
export function windowRecord(hits: number, refused: boolean, msLeft: number): WindowRecord {
  // Rounded to the millisecond first: performance.now() sums can land a hair past a whole second.
  const secondsLeft = Math.max(1, Math.ceil(Math.round(msLeft) / 1000));
  return {
    totalHits: refused ? hits + 1 : hits,
    timeToExpire: secondsLeft,
    isBlocked: refused,
    timeToBlockExpire: refused ? secondsLeft : 0,
  };
}
