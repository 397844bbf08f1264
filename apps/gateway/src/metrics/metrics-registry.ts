import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CounterConfiguration, GaugeConfiguration, HistogramConfiguration } from 'prom-client';

/**
 * This application's Prometheus registry. Never prom-client's global default one: several gateway
 * apps may run in one process (tests), and each must expose only its own series.
 */
export class MetricsRegistry extends Registry {
  static create(): MetricsRegistry {
    const registry = new MetricsRegistry();
    collectDefaultMetrics({ register: registry });
    return registry;
  }

  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return this.existing<Counter<L>>(config.name) ?? new Counter({ ...config, registers: [this] });
  }

  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return this.existing<Gauge<L>>(config.name) ?? new Gauge({ ...config, registers: [this] });
  }

  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return this.existing<Histogram<L>>(config.name) ?? new Histogram({ ...config, registers: [this] });
  }

  private existing<M>(name: string): M | undefined {
    return this.getSingleMetric(name) as M | undefined;
  }
}

/** Seconds; from a 1 ms read to an upstream write near its timeout. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
