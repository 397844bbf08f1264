import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { BUDGET_STORE, type BudgetStore } from './stores/budget-store';

/**
 * Reads the budget once at boot: the first query of a process (Prisma's query engine, the Redis
 * connection) is slow, and should not be paid by the first readiness probe or the first create.
 * A store that is down at boot is not an error here: readiness reports it.
 */
@Injectable()
export class BudgetStoreWarmup implements OnApplicationBootstrap {
  constructor(@Inject(BUDGET_STORE) private readonly store: BudgetStore) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.store.state().catch(() => undefined);
  }
}
