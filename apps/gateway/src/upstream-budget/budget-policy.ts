import type { UpstreamPriority } from '@app/streamskill';
import type { UpstreamBudgetSettings } from '../config/gateway-config';
import type { TakeRequest } from './stores/budget-store';

/**
 * Half a token stays in the bucket after every take. Requests can reach StreamSkill in a slightly
 * different order, or later, than their tokens were handed out; its bucket then runs up to
 * `perSecond x jitter` behind ours. Half a token covers 250 ms of such jitter at 2/s.
 */
export const JITTER_ALLOWANCE_TOKENS = 0.5;

/** What one upstream call must find in the buckets: see README.md ("Priorities", "Fairness"). */
export function takeRequestFor(
  priority: UpstreamPriority,
  customerId: string | undefined,
  settings: UpstreamBudgetSettings,
): TakeRequest {
  const leaving = (reserve: number) => Math.min(settings.burst, 1 + JITTER_ALLOWANCE_TOKENS + reserve);
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
