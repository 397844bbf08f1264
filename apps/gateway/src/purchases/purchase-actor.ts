import type { Actor } from '../ledger/ledger.types';
import { RequestContext } from '../tenancy/request-context';

/** Who moves the money in a customer request: the calling key, an admin one under On-Behalf-Of. */
export function requestActor(): Actor {
  const principal = RequestContext.current()?.principal;
  if (!principal) return { type: 'key', id: null };
  return { type: principal.isAdmin ? 'admin' : 'key', id: principal.keyId };
}
