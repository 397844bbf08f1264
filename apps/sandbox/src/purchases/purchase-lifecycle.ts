import type { PurchaseStatus, SandboxPurchase } from './purchase.types';

/**
 * Status changes over time, computed lazily from timestamps (no timers, so a closed sandbox leaves
 * nothing behind): created -> working after one step, working -> completed after `workingMs`
 * (one step plus one step per prolonged unit).
 */
export class PurchaseLifecycle {
  constructor(readonly stepMs: number) {}

  advance(purchase: SandboxPurchase, now: number): void {
    while (purchase.phaseEndsAt !== null && purchase.phaseEndsAt <= now) {
      const endedAt = purchase.phaseEndsAt;
      if (purchase.status === 'created') {
        this.change(purchase, 'working', endedAt, 'timer', endedAt + purchase.workingMs);
      } else if (purchase.status === 'working') {
        this.change(purchase, 'completed', endedAt, 'timer', null);
      } else {
        purchase.phaseEndsAt = null;
      }
    }
  }

  /** created/awaiting -> working (full working time); stopped -> working (the time that was left). */
  start(purchase: SandboxPurchase, now: number): void {
    if (purchase.status === 'working') return;
    const remaining = purchase.status === 'stopped' ? (purchase.pausedRemainingMs ?? 0) : purchase.workingMs;
    purchase.pausedRemainingMs = null;
    this.change(purchase, 'working', now, 'start', now + remaining);
  }

  stop(purchase: SandboxPurchase, now: number): void {
    if (purchase.status === 'stopped') return;
    purchase.pausedRemainingMs =
      purchase.status === 'working' && purchase.phaseEndsAt !== null
        ? Math.max(0, purchase.phaseEndsAt - now)
        : purchase.workingMs;
    this.change(purchase, 'stopped', now, 'bulk-stop', null);
  }

  /** Prolong: `units` more hours/days of work, simulated as `units` more steps. */
  extend(purchase: SandboxPurchase, units: number): void {
    const extraMs = units * this.stepMs;
    purchase.workingMs += extraMs;
    if (purchase.status === 'working' && purchase.phaseEndsAt !== null) purchase.phaseEndsAt += extraMs;
    if (purchase.status === 'stopped')
      purchase.pausedRemainingMs = (purchase.pausedRemainingMs ?? 0) + extraMs;
  }

  /** Control API: any status; created and working restart their timers from now. */
  force(purchase: SandboxPurchase, status: PurchaseStatus, now: number): void {
    const phaseEndsAt =
      status === 'created' ? now + this.stepMs : status === 'working' ? now + purchase.workingMs : null;
    purchase.pausedRemainingMs = status === 'stopped' ? purchase.workingMs : null;
    this.change(purchase, status, now, 'forced', phaseEndsAt);
  }

  private change(
    purchase: SandboxPurchase,
    status: PurchaseStatus,
    at: number,
    reason: string,
    phaseEndsAt: number | null,
  ): void {
    purchase.status = status;
    purchase.phaseEndsAt = phaseEndsAt;
    purchase.history.push({ status, at, reason });
  }
}
