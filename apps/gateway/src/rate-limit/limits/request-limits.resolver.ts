import { Injectable } from '@nestjs/common';
import { GatewayConfig } from '../../config/gateway-config';
import type { Principal } from '../../tenancy/request-context';
import { CustomerPlanLimits } from '../plans/customer-plan-limits';
import { RequestLimits } from './request-limits';

/**
 * Which budgets a request spends. An admin key has its own (RATE_LIMIT_ADMIN_*) on every route,
 * On-Behalf-Of included, so that support work neither eats a customer's budget nor stops when the
 * customer is throttled. A customer key spends its customer's plan budget, shared by all its keys,
 * and its own key budget when the plan sets a tighter one.
 */
@Injectable()
export class RequestLimitsResolver {
  constructor(
    private readonly config: GatewayConfig,
    private readonly customers: CustomerPlanLimits,
  ) {}

  async limitsFor(principal: Principal): Promise<RequestLimits> {
    const keyTracker = `k:${principal.keyId}`;
    if (principal.isAdmin || principal.customerId === null) {
      const { adminBurst, adminPerMinute } = this.config.rateLimit;
      return {
        budgetTracker: `a:${principal.keyId}`,
        keyTracker,
        burst: adminBurst,
        perMinute: adminPerMinute,
        keyBurst: null,
        keyPerMinute: null,
      };
    }
    const plan = await this.customers.of(principal.customerId);
    return {
      budgetTracker: `c:${principal.customerId}`,
      keyTracker,
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
