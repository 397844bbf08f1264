import type { UpstreamPriority } from '@app/streamskill';
import type { UpstreamBudgetSettings } from '../config/gateway-config';
import type { TakeRequest } from './stores/budget-store';

/**
 * Requests can reach StreamSkill later, or in another order, than their tokens were handed out
 * (event-loop stalls, network): its bucket then runs up to `perSecond x that skew` behind ours. So
 * every take leaves that many tokens in hand. It costs a few tokens of the first burst only, never
 * sustained rate (see README.md).
 */
export const SKEW_TOLERANCE_MS = 1_000;

/** Tokens every take leaves in the bucket; below the burst, so that a full bucket always gives one. */
export function skewAllowance({ burst, perSecond }: Pick<UpstreamBudgetSettings, 'burst' | 'perSecond'>) {
  return Math.min((perSecond * SKEW_TOLERANCE_MS) / 1000, burst - 1);
}

/** What one upstream call must find in the buckets: see README.md ("Priorities", "Fairness"). */
export function takeRequestFor(
  priority: UpstreamPriority,
  customerId: string | undefined,
  settings: UpstreamBudgetSettings,
): TakeRequest {
  const allowance = skewAllowance(settings);
  const leaving = (reserve: number) => Math.min(settings.burst, 1 + allowance + reserve);
  if (priority === 'background') return { minTokens: leaving(settings.backgroundReserve) };
  if (!customerId) return { minTokens: leaving(0) };
  return {
    minTokens: leaving(0),
    customer: {
      id: customerId,
      limits: { burst: settings.perCustomerBurst, perSecond: settings.perCustomerPerSecond },
      busyMinTokens: leaving(settings.busyCustomerReserve),
    },
  };
}
