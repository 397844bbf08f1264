/**
 * The purchase (or its hold) was settled by someone else between our read and our transaction: the
 * create flow's late answer, another reconciler, or an admin. Nothing was changed.
 */
export class AlreadySettledError extends Error {
  constructor(readonly purchaseId: number) {
    super(`Purchase ${purchaseId} is no longer awaiting settlement`);
    this.name = 'AlreadySettledError';
  }
}
