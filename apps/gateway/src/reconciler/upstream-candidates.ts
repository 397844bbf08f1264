import type { PurchaseObject } from '@app/streamskill';
import { isSameChannel } from './channel-match';

/** A gateway purchase that is not linked to an upstream purchase yet (pending or needs_review). */
export interface UnlinkedPurchase {
  id: number;
  billingState: 'pending' | 'needs_review';
  tarifId: number;
  /** The channel the cart sent upstream. */
  channel: string;
  createdAt: Date;
  /** When a pending purchase with no upstream match is released. */
  settleDeadline: Date;
  /** Upstream's id when the create flow got it but could not record it (its `settle_failed` note). */
  reportedUpstreamId?: number;
}

export interface MatchRules {
  now: Date;
  /** How long after our row was written upstream's create may still be answering (write timeout + slack). */
  answerGraceMs: number;
  /** Allowed clock difference between our database and StreamSkill. */
  clockSkewMs: number;
  /** Tariff id -> its link prefix, from the catalog. */
  linkPrefixes: ReadonlyMap<number, string>;
  /** Upstream ids that already belong to a gateway purchase (`upstreamId` is unique). */
  linkedUpstreamIds: ReadonlySet<number>;
}

/**
 * The upstream purchases that may be the one a gateway purchase asked for: made through the API, not
 * linked to another gateway purchase, same tariff, same channel, created while our request could
 * have been running (our row is written just before the call).
 */
export function candidatesFor(
  purchase: UnlinkedPurchase,
  upstream: readonly PurchaseObject[],
  rules: MatchRules,
): PurchaseObject[] {
  const from = purchase.createdAt.getTime() - rules.clockSkewMs;
  const to = purchase.createdAt.getTime() + rules.answerGraceMs + rules.clockSkewMs;
  const prefix = rules.linkPrefixes.get(purchase.tarifId);
  if (purchase.reportedUpstreamId !== undefined) {
    return upstream.filter(
      (candidate) =>
        candidate.id === purchase.reportedUpstreamId && !rules.linkedUpstreamIds.has(candidate.id),
    );
  }
  return upstream.filter(
    (candidate) =>
      candidate.api !== false &&
      !rules.linkedUpstreamIds.has(candidate.id) &&
      candidate.tarif === purchase.tarifId &&
      typeof candidate.channel === 'string' &&
      isSameChannel(purchase.channel, candidate.channel, prefix) &&
      candidate.created_at * 1000 >= from &&
      candidate.created_at * 1000 <= to,
  );
}

/** A pending purchase this young may still get upstream's answer through the create flow itself. */
export function isInFlight(purchase: UnlinkedPurchase, rules: MatchRules): boolean {
  return (
    purchase.billingState === 'pending' &&
    purchase.reportedUpstreamId === undefined &&
    rules.now.getTime() - purchase.createdAt.getTime() < rules.answerGraceMs
  );
}
