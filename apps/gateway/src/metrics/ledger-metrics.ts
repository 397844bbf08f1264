import { Injectable, Logger } from '@nestjs/common';
import type { Gauge } from 'prom-client';
import { LedgerState, LedgerStateQuery } from './ledger-state.query';
import { MetricsRegistry } from './metrics-registry';
import { messageOf, withinScrapeTimeout } from './scrape-timeout';

/** The gauges of one scrape share one query: Prometheus asks for all of them at once. */
const SHARED_FOR_MS = 1_000;

/**
 * Holds open, purchases pending or waiting for an admin, and the reconciler's backlog, counted in
 * the database at scrape time (so every instance reports the same, shared figures).
 */
@Injectable()
export class LedgerMetrics {
  private readonly logger = new Logger(LedgerMetrics.name);
  private latest?: { at: number; state: Promise<LedgerState | undefined> };

  constructor(
    private readonly query: LedgerStateQuery,
    registry: MetricsRegistry,
  ) {
    const fromState = <L extends string>(fill: (gauge: Gauge<L>, state: LedgerState) => void) => {
      const state = () => this.state();
      return async function collect(this: Gauge<L>) {
        this.reset();
        const current = await state();
        if (current) fill(this, current);
      };
    };
    registry.gauge({
      name: 'gateway_holds_open',
      help: 'Holds not settled yet (funds reserved for an upstream call), by purpose.',
      labelNames: ['purpose'],
      collect: fromState((gauge, state) => {
        for (const { purpose, count } of state.openHolds) gauge.set({ purpose }, count);
      }),
    });
    registry.gauge({
      name: 'gateway_holds_open_amount',
      help: 'Money reserved by the open holds, in the gateway currency, by purpose.',
      labelNames: ['purpose'],
      collect: fromState((gauge, state) => {
        for (const { purpose, amount } of state.openHolds) gauge.set({ purpose }, amount);
      }),
    });
    registry.gauge({
      name: 'gateway_holds_open_oldest_seconds',
      help: 'Age of the oldest open hold (0 when none).',
      collect: fromState((gauge, state) => gauge.set(state.oldestOpenHoldSeconds)),
    });
    registry.gauge({
      name: 'gateway_purchases',
      help: 'Purchases whose billing is not final: pending (outcome unknown) and needs_review (an admin decides).',
      labelNames: ['billing_state'],
      collect: fromState((gauge, state) => {
        gauge.set({ billing_state: 'pending' }, state.pendingPurchases);
        gauge.set({ billing_state: 'needs_review' }, state.needsReviewPurchases);
      }),
    });
    registry.gauge({
      name: 'gateway_reconciler_backlog',
      help: 'What the reconciler still has to settle: creates not matched upstream, prolongs of unknown outcome.',
      labelNames: ['kind'],
      collect: fromState((gauge, state) => {
        gauge.set({ kind: 'create' }, state.unlinkedCreates);
        gauge.set({ kind: 'prolong' }, state.unsettledProlongs);
      }),
    });
    registry.gauge({
      name: 'gateway_reconciler_overdue',
      help: 'Pending creates past their settle deadline: above 0 for long, the reconciler is not running.',
      collect: fromState((gauge, state) => gauge.set(state.overdueCreates)),
    });
  }

  private state(): Promise<LedgerState | undefined> {
    const now = Date.now();
    if (this.latest && now - this.latest.at < SHARED_FOR_MS) return this.latest.state;
    const state = withinScrapeTimeout(this.query.load(), 'the ledger query').catch((error: unknown) => {
      this.logger.warn(`Could not count holds and purchases for /metrics: ${messageOf(error)}`);
      return undefined;
    });
    this.latest = { at: now, state };
    return state;
  }
}
