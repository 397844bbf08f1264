import { Prisma } from '@app/database';

/** A purchase whose prolong StreamSkill may or may not have carried out, with its open hold. */
export interface UnsettledProlong {
  purchaseId: number;
  upstreamId: number;
  billingState: string;
  customerId: string;
  markupPercent: Prisma.Decimal;
  /** Upstream's price as the gateway last billed against it (moves only with money). */
  knownUpstreamPrice: Prisma.Decimal | null;
  prolongDeadline: Date;
  holdId: bigint;
  holdCreatedAt: Date;
  /** The prolong flow got StreamSkill's 200 but could not record it. */
  confirmedByUpstream: boolean;
}

export type ProlongSettlement =
  | { action: 'capture'; upstreamGrowth: Prisma.Decimal; newUpstreamPrice: Prisma.Decimal }
  | { action: 'capture_expected' }
  | { action: 'release'; reason: string }
  | { action: 'wait' };

export interface ProlongRules {
  now: Date;
  answerGraceMs: number;
}

/**
 * Whether an ambiguous prolong happened, read from upstream's price: a prolong is the only thing that
 * makes it grow, and the gateway allows one prolong at a time per purchase.
 * - grown: charge the customer's price of the growth (as the prolong flow does on a 200);
 * - not grown (or not listed) by the deadline: release the hold;
 * - confirmed by upstream's 200 but not grown: charge the prolong's own quoted cost;
 * - purchase refunded meanwhile: release (the customer does not pay to prolong a failed order).
 */
export function planProlong(
  prolong: UnsettledProlong,
  currentUpstreamPrice: Prisma.Decimal | null,
  rules: ProlongRules,
): ProlongSettlement {
  const now = rules.now.getTime();
  if (now - prolong.holdCreatedAt.getTime() < rules.answerGraceMs) return { action: 'wait' };
  if (prolong.billingState !== 'charged') return { action: 'release', reason: 'the purchase was refunded' };
  const known = prolong.knownUpstreamPrice;
  if (known && currentUpstreamPrice?.gt(known)) {
    return {
      action: 'capture',
      upstreamGrowth: currentUpstreamPrice.minus(known),
      newUpstreamPrice: currentUpstreamPrice,
    };
  }
  if (prolong.confirmedByUpstream) return { action: 'capture_expected' };
  if (prolong.prolongDeadline.getTime() > now) return { action: 'wait' };
  return { action: 'release', reason: "upstream's price did not grow by the settle deadline" };
}
