import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { StreamSkillClient, type UpstreamCallReport } from '@app/streamskill';
import type { Counter, Histogram } from 'prom-client';
import { LATENCY_BUCKETS, MetricsRegistry } from './metrics-registry';

type CallLabel = 'endpoint' | 'outcome';

/**
 * Upstream calls by endpoint template (`POST /purchases/create`) and outcome (`ok`, `http_4xx`,
 * `http_429`, `http_5xx`, `timeout`, `network`, `budget_exhausted`...), their latency on the wire,
 * and how long each waited for the outbound budget.
 */
@Injectable()
export class UpstreamMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly calls: Counter<CallLabel>;
  private readonly duration: Histogram<CallLabel>;
  private readonly budgetWait: Histogram<'priority'>;
  private unsubscribe?: () => void;

  constructor(
    private readonly client: StreamSkillClient,
    registry: MetricsRegistry,
  ) {
    this.calls = registry.counter({
      name: 'gateway_upstream_requests_total',
      help: 'Calls to StreamSkill, by endpoint template and outcome (including calls never sent).',
      labelNames: ['endpoint', 'outcome'],
    });
    this.duration = registry.histogram({
      name: 'gateway_upstream_request_duration_seconds',
      help: 'Time from sending a call to StreamSkill to its answer, by endpoint template and outcome.',
      labelNames: ['endpoint', 'outcome'],
      buckets: LATENCY_BUCKETS,
    });
    this.budgetWait = registry.histogram({
      name: 'gateway_upstream_budget_wait_seconds',
      help: 'Time upstream calls waited for a token of the outbound budget, by priority.',
      labelNames: ['priority'],
      buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    });
  }

  onModuleInit(): void {
    this.unsubscribe = this.client.onCall((report) => this.record(report));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  private record(report: UpstreamCallReport): void {
    const labels = { endpoint: report.endpoint, outcome: outcomeLabel(report) };
    this.calls.inc(labels);
    if (report.sent) this.duration.observe(labels, report.durationMs / 1000);
    this.budgetWait.observe({ priority: report.priority }, report.budgetWaitMs / 1000);
  }
}

/** HTTP failures by class, 429 on its own: what an operator alerts on. */
export function outcomeLabel({ outcome, status }: UpstreamCallReport): string {
  if (outcome !== 'http' || status === undefined) return outcome;
  if (status === 429) return 'http_429';
  return `http_${Math.floor(status / 100)}xx`;
}
