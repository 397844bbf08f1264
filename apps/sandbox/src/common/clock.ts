/** Time source, injectable so lifecycle and rate-limit rules can be unit-tested without waiting. */
export class Clock {
  now(): number {
    return Date.now();
  }
}
