import type { FaultCounters } from '@app/sandbox/faults/fault.types';
import type { BurstLoad } from './burst';

export interface MatrixRow {
  name: string;
  answers: Record<string, number>;
  faultsApplied: FaultCounters;
  burstMs: number;
  passes: number;
  /** Passes that could not read StreamSkill (retried). */
  failedPasses: number;
  settleMs: number;
  billingStates: Record<string, number>;
  checks: number;
  failed: string[];
}

/** The fault matrix as a Markdown table, one row per case (for the README's fault section). */
export function matrixTable(load: BurstLoad, rows: MatrixRow[]): string {
  const creates = load.customers * load.createsPerCustomer;
  const lines = [
    `Load per case: ${creates} concurrent creates, ${load.customers} customers x ${load.createsPerCustomer} ` +
      `(balance ${load.balance} each; per customer 2 share an Idempotency-Key, retried once after the burst).`,
    '',
    '| Upstream fault | Faults applied | Gateway answers | Burst | Reconciler | Billing states after | Invariants |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.name} | ${appliedFaults(row.faultsApplied)} | ${counts(row.answers)} | ${seconds(row.burstMs)} | ` +
        `${row.passes} pass(es)${row.failedPasses ? ` (${row.failedPasses} failed)` : ''}, ${seconds(row.settleMs)} | ` +
        `${counts(row.billingStates)} | ` +
        `${row.failed.length === 0 ? `clean (${row.checks} checks)` : `FAILED: ${row.failed.join(', ')}`} |`,
    );
  }
  return lines.join('\n');
}

function appliedFaults(faults: FaultCounters): string {
  const { errors, ...others } = faults;
  const applied = { ...others, ...errors } as Record<string, number>;
  return counts(Object.fromEntries(Object.entries(applied).filter(([, n]) => n > 0))) || 'none';
}

const counts = (tallied: Record<string, number>) =>
  Object.entries(tallied)
    .map(([label, n]) => `${label} x${n}`)
    .join(', ');

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
