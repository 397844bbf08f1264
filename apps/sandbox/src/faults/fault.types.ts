/**
 * One fault-injection rule. Every field is optional; a rule without `method`/`path` matches every
 * StreamSkill request (control endpoints are never affected).
 */
export interface FaultRule {
  /** HTTP method to match, e.g. "POST". */
  method?: string;
  /** Glob over the request path: `*` = within one segment, `**` = anything, `:name` = one segment. */
  path?: string;
  /** Apply to the next N matching requests only, then the rule expires. */
  times?: number;
  /** Added delay before the request is handled. */
  latencyMs?: number;
  /** Probability by status, e.g. {"500":1} or {"503":0.3}; probabilities must sum to <= 1. */
  errorRate?: Record<string, number>;
  /** Accept the request and never answer. */
  timeout?: boolean;
  /** Destroy the socket before the handler runs (nothing recorded, nothing charged). */
  resetBeforeRecord?: boolean;
  /** Run the handler (purchase recorded, balance charged), then destroy the socket without answering. */
  resetAfterRecord?: boolean;
  /** Run the handler, then answer 200 with a truncated, unparseable JSON body. */
  malformedJson?: boolean;
}

export type FaultConfig = FaultRule | FaultRule[];

/** What the faults matching one request decided. */
export interface FaultPlan {
  latencyMs: number;
  errorStatus: number | null;
  timeout: boolean;
  resetBeforeRecord: boolean;
  resetAfterRecord: boolean;
  malformedJson: boolean;
}

export interface FaultCounters {
  latency: number;
  timeout: number;
  resetBeforeRecord: number;
  resetAfterRecord: number;
  malformedJson: number;
  errors: Record<string, number>;
}
