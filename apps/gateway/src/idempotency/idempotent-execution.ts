import { AsyncLocalStorage } from 'node:async_hooks';
import type { Prisma } from '@app/database';

interface ExecutionState {
  key: string;
  committed: boolean;
  /**
   * Set when the request that first used this key died after committing (the gateway was killed):
   * the handler answers what it committed, `ref`, as it now stands, instead of running again.
   */
  resumedRef?: string;
  /** Writes a committed reference into the key's record, in `tx` (given by the idempotency layer). */
  persistCommitted?: (ref: string, tx: CommitTx) => Promise<void>;
}

/** The transaction that commits the change: anything that runs Prisma's $executeRaw. */
export interface CommitTx {
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
}

const storage = new AsyncLocalStorage<ExecutionState>();

/**
 * What an @Idempotent handler tells the idempotency layer while it runs. An error from a handler that
 * has not committed anything forgets the key (a corrected retry runs); once it has, the first answer,
 * even an error, is stored and replayed, as Stripe does.
 */
export const IdempotentExecution = {
  run<T>(key: string, fn: () => T, extra: Partial<Omit<ExecutionState, 'key'>> = {}) {
    const state: ExecutionState = { key, committed: false, ...extra };
    return { state, result: storage.run(state, fn) };
  },

  /**
   * Call right after the request made a change that a retry must not repeat and that an error later
   * on will not undo, e.g. after the transaction that holds the funds and inserts the purchase commits,
   * before calling StreamSkill. A no-op outside an idempotent request.
   */
  markCommitted(): void {
    const state = storage.getStore();
    if (state) state.committed = true;
  },

  /**
   * Records what the request is committing (e.g. `purchase:12`) with its key, inside the transaction
   * that commits it: a retry after a crash then answers it as it stands (see `resumedRef`) instead of
   * 409 until the key expires. Call markCommitted once that transaction has committed.
   */
  async recordCommitted(ref: string, tx: CommitTx): Promise<void> {
    await storage.getStore()?.persistCommitted?.(ref, tx);
  },

  /** The reference a crashed first request committed, when this request resumes it. */
  resumedRef(): string | undefined {
    return storage.getStore()?.resumedRef;
  },

  /** The Idempotency-Key of the current request, if it sent one. */
  key(): string | undefined {
    return storage.getStore()?.key;
  },
};
