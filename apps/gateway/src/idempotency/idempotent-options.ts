export const IDEMPOTENT_ROUTE = 'ssg:idempotent';

export interface IdempotentOptions {
  /**
   * The route parameter naming the customer whose keys this route shares, for admin routes that act on
   * a customer without On-Behalf-Of. By default the request's tenant owns the key.
   */
  customerParam?: string;
  /**
   * The handler records what it commits with the key, in the committing transaction
   * (IdempotentExecution.recordCommitted), and answers a `resumedRef`: after a crash, a retry then
   * gets what was committed, or runs anew when nothing was.
   */
  resumable?: boolean;
}
