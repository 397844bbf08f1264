import { AsyncLocalStorage } from 'node:async_hooks';

interface ExecutionState {
  key: string;
  committed: boolean;
}

const storage = new AsyncLocalStorage<ExecutionState>();

/**
 * What an @Idempotent handler tells the idempotency layer while it runs. An error from a handler that
 * has not committed anything forgets the key (a corrected retry runs); once it has, the first answer,
 * even an error, is stored and replayed, as Stripe does.
 */
export const IdempotentExecution = {
  run<T>(key: string, fn: () => T): { state: ExecutionState; result: T } {
    const state: ExecutionState = { key, committed: false };
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

  /** The Idempotency-Key of the current request, if it sent one. */
  key(): string | undefined {
    return storage.getStore()?.key;
  },
};
