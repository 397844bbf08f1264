import { Injectable } from '@nestjs/common';
import { GatewayConfig } from '../../config/gateway-config';
import type { Principal } from '../../tenancy/request-context';
import { CustomerPlanLimits } from '../plans/customer-plan-limits';
import type { RateLimitPlanView } from '../plans/rate-limit-plan.view';
import { RequestLimits } from './request-limits';

/**
 * Which budgets a request spends. An admin key has its own (RATE_LIMIT_ADMIN_*) on every route,
 * On-Behalf-Of included, so that support work neither eats a customer's budget nor stops when the
 * customer is throttled. A customer key spends its customer's plan budget, shared by all its keys,
 * and its own key budget when the plan sets a tighter one.
 */
@Injectable()
export class RequestLimitsResolver {
  /**
   * The limits of a key under a plan, built once per key and plan object: the plan cache hands out the
   * same object until it reloads, so a changed plan gets new limits, and a request allocates none.
   */
  private readonly byPlan = new WeakMap<object, Map<string, RequestLimits>>();
  private readonly adminLimits = new Map<string, RequestLimits>();

  constructor(
    private readonly config: GatewayConfig,
    private readonly customers: CustomerPlanLimits,
  ) {}

  async limitsFor(principal: Principal): Promise<RequestLimits> {
    if (principal.isAdmin || principal.customerId === null) return this.adminLimitsFor(principal.keyId);
    const plan = await this.customers.of(principal.customerId);
    let keys = this.byPlan.get(plan);
    if (!keys) this.byPlan.set(plan, (keys = new Map()));
    let limits = keys.get(principal.keyId);
    if (!limits)
      keys.set(principal.keyId, (limits = this.customerLimits(principal.keyId, principal.customerId, plan)));
    return limits;
  }

  private adminLimitsFor(keyId: string): RequestLimits {
    let limits = this.adminLimits.get(keyId);
    if (!limits) {
      // Admin keys are few: a handful of entries, never evicted.
      const keyTracker = `k:${keyId}`;
      const { adminBurst, adminPerMinute } = this.config.rateLimit;
      limits = {
        budgetTracker: `a:${keyId}`,
        keyTracker,
        burst: adminBurst,
        perMinute: adminPerMinute,
        keyBurst: null,
        keyPerMinute: null,
      };
      this.adminLimits.set(keyId, limits);
    }
    return limits;
  }

  private customerLimits(keyId: string, customerId: string, plan: RateLimitPlanView): RequestLimits {
    return {
      budgetTracker: `c:${customerId}`,
      keyTracker: `k:${keyId}`,
      burst: plan.burst,
      perMinute: plan.perMinute,
      keyBurst: tighter(plan.keyBurst, plan.burst),
      keyPerMinute: tighter(plan.keyPerMinute, plan.perMinute),
    };
  }
}

/** A key limit at or above the customer's can never refuse first: not counting it saves a counter. */
function tighter(keyLimit: number | null, customerLimit: number): number | null {
  return keyLimit !== null && keyLimit < customerLimit ? keyLimit : null;
}
