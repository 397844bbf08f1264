import { ruleMatches } from './fault-rules';
import type { FaultCounters, FaultPlan, FaultRule } from './fault.types';

interface ActiveRule {
  rule: FaultRule;
  remaining: number | null;
}

export const emptyFaultCounters = (): FaultCounters => ({
  latency: 0,
  timeout: 0,
  resetBeforeRecord: 0,
  resetAfterRecord: 0,
  malformedJson: 0,
  errors: {},
});

/** The active fault rules of one sandbox; every matching request consumes one use of each rule it matches. */
export class FaultStore {
  private active: ActiveRule[] = [];
  counters = emptyFaultCounters();

  constructor(private readonly random: () => number = Math.random) {}

  replace(rules: FaultRule[]): void {
    this.active = rules.map((rule) => ({ rule, remaining: rule.times ?? null }));
  }

  add(rules: FaultRule[]): void {
    this.active.push(...rules.map((rule) => ({ rule, remaining: rule.times ?? null })));
  }

  clear(): void {
    this.active = [];
  }

  resetCounters(): void {
    this.counters = emptyFaultCounters();
  }

  /** The rules still active, with `times` showing the uses left. */
  list(): FaultRule[] {
    return this.active.map(({ rule, remaining }) =>
      remaining === null ? rule : { ...rule, times: remaining },
    );
  }

  /** Decides the faults for one request. Matching rules combine: latencies add up, the first error roll wins. */
  plan(method: string, path: string): FaultPlan {
    const plan: FaultPlan = {
      latencyMs: 0,
      errorStatus: null,
      timeout: false,
      resetBeforeRecord: false,
      resetAfterRecord: false,
      malformedJson: false,
    };
    for (const entry of this.active.filter(({ rule }) => ruleMatches(rule, method, path))) {
      const { rule } = entry;
      plan.latencyMs += rule.latencyMs ?? 0;
      plan.errorStatus ??= this.rollError(rule.errorRate);
      plan.timeout ||= rule.timeout === true;
      plan.resetBeforeRecord ||= rule.resetBeforeRecord === true;
      plan.resetAfterRecord ||= rule.resetAfterRecord === true;
      plan.malformedJson ||= rule.malformedJson === true;
      if (entry.remaining !== null) entry.remaining -= 1;
    }
    this.active = this.active.filter(({ remaining }) => remaining === null || remaining > 0);
    return plan;
  }

  count(kind: Exclude<keyof FaultCounters, 'errors'>): void {
    this.counters[kind] += 1;
  }

  countError(status: number): void {
    this.counters.errors[status] = (this.counters.errors[status] ?? 0) + 1;
  }

  private rollError(rates: Record<string, number> | undefined): number | null {
    if (!rates) return null;
    const roll = this.random();
    let cumulative = 0;
    for (const [status, probability] of Object.entries(rates)) {
      cumulative += probability;
      if (roll < cumulative) return Number(status);
    }
    return null;
  }
}
