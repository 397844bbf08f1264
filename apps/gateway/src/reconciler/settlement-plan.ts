import type { PurchaseObject } from '@app/streamskill';
import { candidatesFor, isInFlight, MatchRules, UnlinkedPurchase } from './upstream-candidates';

export type Settlement =
  | { action: 'link'; purchaseId: number; upstream: PurchaseObject }
  | { action: 'release'; purchaseId: number }
  | { action: 'review'; purchaseId: number; reason: ReviewReason; candidateIds: number[] }
  | { action: 'wait'; purchaseId: number; reason: WaitReason };

/** several_candidates: more than one upstream purchase fits; shared_candidate: another purchase fits the same one. */
export type ReviewReason = 'several_candidates' | 'shared_candidate';

export type WaitReason = 'in_flight' | 'contested_by_in_flight' | 'before_deadline';

/**
 * What to do with each pending purchase, from one listing of upstream purchases:
 * - exactly one candidate that no other unlinked purchase could also claim: link it;
 * - no candidate: release once the deadline has passed;
 * - several candidates, or one that another unlinked purchase could claim too: an admin decides;
 * - a candidate that a purchase still in flight could claim: wait for that one to settle first.
 */
export function planSettlements(
  unlinked: readonly UnlinkedPurchase[],
  upstream: readonly PurchaseObject[],
  rules: MatchRules,
): Settlement[] {
  const candidates = new Map(
    unlinked.map((purchase) => [purchase.id, candidatesFor(purchase, upstream, rules)]),
  );
  const claimants = new Map<number, UnlinkedPurchase[]>();
  for (const purchase of unlinked) {
    for (const candidate of candidates.get(purchase.id) ?? []) {
      claimants.set(candidate.id, [...(claimants.get(candidate.id) ?? []), purchase]);
    }
  }
  return unlinked
    .filter((purchase) => purchase.billingState === 'pending')
    .map((purchase) => settle(purchase, candidates.get(purchase.id) ?? [], claimants, rules));
}

function settle(
  purchase: UnlinkedPurchase,
  own: PurchaseObject[],
  claimants: Map<number, UnlinkedPurchase[]>,
  rules: MatchRules,
): Settlement {
  const purchaseId = purchase.id;
  if (isInFlight(purchase, rules)) return { action: 'wait', purchaseId, reason: 'in_flight' };
  const rivals = own
    .flatMap((candidate) => claimants.get(candidate.id) ?? [])
    .filter((rival) => rival.id !== purchaseId);
  if (rivals.some((rival) => isInFlight(rival, rules))) {
    return { action: 'wait', purchaseId, reason: 'contested_by_in_flight' };
  }
  if (own.length === 1 && rivals.length === 0) return { action: 'link', purchaseId, upstream: own[0] };
  if (own.length === 0) {
    return purchase.settleDeadline.getTime() <= rules.now.getTime()
      ? { action: 'release', purchaseId }
      : { action: 'wait', purchaseId, reason: 'before_deadline' };
  }
  return {
    action: 'review',
    purchaseId,
    reason: own.length > 1 ? 'several_candidates' : 'shared_candidate',
    candidateIds: own.map((candidate) => candidate.id),
  };
}
