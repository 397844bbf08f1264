import type { FaultConfig, FaultRule } from '@app/sandbox/sandbox';
import type { BurstLoad } from './burst';

const CREATE = { method: 'POST', path: '/v1/purchases/create' } as const;
/** Enough of the burst's creates to reach StreamSkill that every case mixes faults and successes. */
const SOME = 12;

export interface FaultCase {
  name: string;
  /** The sandbox's fault rule(s) for the burst (none: the sandbox's balance does the refusing). */
  rule?: FaultConfig;
  /** Faults on StreamSkill while the reconciler settles the burst (its listing calls). */
  duringReconcile?: FaultRule[];
  /** StreamSkill's account balance for the burst, when the case is about it. */
  sandboxBalance?: string;
  /** Answers the fault must produce (status, then error type), each at least once. */
  faultAnswers: string[];
  /** False when the fault may, by design, leave the whole burst without a success. */
  successExpected?: boolean;
  /** Answers allowed besides those and the burst's own (200, 402 insufficient_funds, 409 idempotency_conflict). */
  alsoAllowed?: string[];
}

/** Answers any burst may get whatever the upstream does: a success, the customer's own limits. */
export const BURST_ANSWERS = ['200', '402 insufficient_funds', '409 idempotency_conflict'];

export const LOAD: BurstLoad = { customers: 5, createsPerCustomer: 8, balance: '40.00' };
export const WRITE_TIMEOUT_MS = 3000;

/** apps/gateway/src/purchases/README.md, "Create", step 6. */
export const FAULT_CASES: FaultCase[] = [
  // A slow StreamSkill may cross the write timeout on a loaded machine: that is the timeout case (202).
  {
    name: 'added latency (250 ms)',
    rule: { ...CREATE, latencyMs: 250 },
    faultAnswers: [],
    alsoAllowed: ['202'],
  },
  { name: '500', rule: { ...CREATE, times: SOME, errorRate: { 500: 1 } }, faultAnswers: ['202'] },
  { name: '502', rule: { ...CREATE, times: SOME, errorRate: { 502: 1 } }, faultAnswers: ['202'] },
  { name: '503', rule: { ...CREATE, times: SOME, errorRate: { 503: 1 } }, faultAnswers: ['202'] },
  { name: 'timeout (never answers)', rule: { ...CREATE, times: 6, timeout: true }, faultAnswers: ['202'] },
  {
    name: 'reset before record',
    rule: { ...CREATE, times: SOME, resetBeforeRecord: true },
    faultAnswers: ['202'],
  },
  {
    name: 'reset after record',
    rule: { ...CREATE, times: SOME, resetAfterRecord: true },
    faultAnswers: ['202'],
  },
  { name: 'malformed JSON', rule: { ...CREATE, times: SOME, malformedJson: true }, faultAnswers: ['202'] },
  // One 429 backs every call off (DESIGN.md "Rate limits"): creates that cannot get a budget token
  // within UPSTREAM_BUDGET_WAIT_MS get 503 upstream_busy without reaching StreamSkill, maybe all of them.
  {
    name: '429',
    rule: { ...CREATE, times: 3, errorRate: { 429: 1 } },
    faultAnswers: ['503 upstream_busy'],
    successExpected: false,
  },
  {
    name: '401 (token rejected)',
    rule: { ...CREATE, times: SOME, errorRate: { 401: 1 } },
    faultAnswers: ['502 upstream_unavailable'],
  },
  // Each request uses one `times` of every rule it matches: the random 5xx draw mixes with the resets.
  {
    name: 'mixed: latency, random 502/503, reset after record',
    rule: [
      { ...CREATE, latencyMs: 100 },
      { ...CREATE, errorRate: { 502: 0.1, 503: 0.2 } },
      { ...CREATE, times: 8, resetAfterRecord: true },
    ],
    faultAnswers: ['202'],
  },
  // A reconciler that cannot read StreamSkill's list must wait, never release what was bought.
  {
    name: 'reset after record, then the listing fails (503, malformed JSON, reset) while reconciling',
    rule: { ...CREATE, times: SOME, resetAfterRecord: true },
    duringReconcile: [
      { method: 'GET', path: '/v1/purchases', times: 2, errorRate: { 503: 1 } },
      { method: 'GET', path: '/v1/purchases/uncomplete', times: 2, malformedJson: true },
      { method: 'GET', path: '/v1/purchases', times: 1, resetBeforeRecord: true },
    ],
    faultAnswers: ['202'],
  },
  // 12 purchases at 5.00 each; the rest find the account empty.
  { name: '402 (StreamSkill balance)', sandboxBalance: '60.00', faultAnswers: ['503 upstream_unavailable'] },
];
