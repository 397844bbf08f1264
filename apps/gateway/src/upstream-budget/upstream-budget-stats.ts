import { Injectable } from '@nestjs/common';
import type { UpstreamPriority } from '@app/streamskill';

type PerPriority = Record<UpstreamPriority, number>;

export interface UpstreamBudgetCounters {
  /** Calls waiting for a token right now. */
  waiting: PerPriority;
  /** Tokens handed out since start. */
  granted: PerPriority;
  /** Calls refused with budget_exhausted (no token within their deadline) since start. */
  refused: PerPriority;
  /** Upstream 429s this instance saw. */
  rateLimited: number;
  /** Failed attempts to reach the budget's store (Redis or PostgreSQL). */
  storeErrors: number;
}

const perPriority = (): PerPriority => ({ interactive: 0, background: 0 });

/** This instance's budget counters, for readiness now and a Prometheus endpoint later. */
@Injectable()
export class UpstreamBudgetStats {
  private readonly counters: UpstreamBudgetCounters = {
    waiting: perPriority(),
    granted: perPriority(),
    refused: perPriority(),
    rateLimited: 0,
    storeErrors: 0,
  };

  waitStarted(priority: UpstreamPriority): void {
    this.counters.waiting[priority]++;
  }

  waitEnded(priority: UpstreamPriority): void {
    this.counters.waiting[priority]--;
  }

  granted(priority: UpstreamPriority): void {
    this.counters.granted[priority]++;
  }

  refused(priority: UpstreamPriority): void {
    this.counters.refused[priority]++;
  }

  rateLimitSeen(): void {
    this.counters.rateLimited++;
  }

  storeFailed(): void {
    this.counters.storeErrors++;
  }

  snapshot(): UpstreamBudgetCounters {
    const { waiting, granted, refused, ...totals } = this.counters;
    return { waiting: { ...waiting }, granted: { ...granted }, refused: { ...refused }, ...totals };
  }
}
