import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { ExpiringMap } from '../storage/expiring-map';
import { RateLimitPlanView } from './rate-limit-plan.view';
import { RateLimitPlansService } from './rate-limit-plans.service';

/** How stale a customer's limits may be on another instance than the one that changed them. */
const CACHE_TTL_MS = 5_000;
const MAX_CUSTOMERS = 100_000;

/**
 * Each customer's plan limits, cached briefly so that a request costs no database query. A plan
 * changed through this instance applies here at once (the cache is cleared); on other instances, and
 * after a customer's `plan` changes, within CACHE_TTL_MS. Concurrent misses share one load.
 */
@Injectable()
export class CustomerPlanLimits {
  private readonly cache = new ExpiringMap<Promise<RateLimitPlanView>>(CACHE_TTL_MS, MAX_CUSTOMERS);

  constructor(
    private readonly prisma: PrismaService,
    private readonly plans: RateLimitPlansService,
  ) {
    plans.onChange(() => this.cache.clear());
  }

  of(customerId: string): Promise<RateLimitPlanView> {
    let limits = this.cache.get(customerId);
    if (limits === undefined) {
      limits = this.load(customerId);
      this.cache.set(customerId, limits);
      limits.catch(() => this.cache.delete(customerId));
    }
    return limits;
  }

  private async load(customerId: string): Promise<RateLimitPlanView> {
    const customer = await this.prisma.customer.findUnique({
      where: { id: customerId },
      select: { plan: true },
    });
    return this.plans.effective(customer?.plan ?? 'standard');
  }
}
