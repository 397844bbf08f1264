export type BackgroundJobName = 'reconciler' | 'status-sync' | 'catalog-refresh';

/** How background jobs appear in the ledger (`actor`) and in the audit log (`actorType: 'job'`). */
export interface JobActor {
  type: 'job';
  id: BackgroundJobName;
}

export function jobActor(job: BackgroundJobName): JobActor {
  return { type: 'job', id: job };
}

/**
 * Advisory lock keys, two-integer form: a key space apart from the one-integer locks used elsewhere
 * (the audit chain's).
 */
export const JOB_LOCK_CLASS = 0x55_47_4a_42; // "UGJB"
export const JOB_LOCK_KEYS: Record<BackgroundJobName, number> = {
  reconciler: 1,
  'status-sync': 2,
  'catalog-refresh': 3,
};
