import { DynamicModule, Module, Provider } from '@nestjs/common';
import { Account } from './account/account';
import { Clock } from './common/clock';
import { RequestCounters } from './counters/request-counters';
import { faultList } from './faults/fault-rules';
import { FaultStore } from './faults/fault-store';
import { HeldConnections } from './faults/held-connections';
import { PurchaseLifecycle } from './purchases/purchase-lifecycle';
import { PurchaseStore } from './purchases/purchase-store';
import { RateLimiter } from './rate-limit/rate-limiter';
import type { SandboxOptions } from './sandbox-options';

export const SANDBOX_OPTIONS = Symbol('SANDBOX_OPTIONS');

/** The mutable state of one sandbox: one instance per started sandbox, never module-level globals. */
@Module({})
export class SandboxStateModule {
  static forOptions(options: SandboxOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: SANDBOX_OPTIONS, useValue: options },
      { provide: Clock, useValue: new Clock() },
      { provide: Account, useFactory: () => new Account(options.balance, options.currency) },
      { provide: PurchaseLifecycle, useFactory: () => new PurchaseLifecycle(options.statusStepMs) },
      {
        provide: PurchaseStore,
        useFactory: (lifecycle: PurchaseLifecycle, clock: Clock) =>
          new PurchaseStore(lifecycle, clock, options.firstPurchaseId),
        inject: [PurchaseLifecycle, Clock],
      },
      {
        provide: RateLimiter,
        useFactory: (clock: Clock) => new RateLimiter(options.rateLimit, clock),
        inject: [Clock],
      },
      {
        provide: FaultStore,
        useFactory: () => {
          const store = new FaultStore();
          store.replace(faultList(options.faults));
          return store;
        },
      },
      { provide: RequestCounters, useValue: new RequestCounters() },
      { provide: HeldConnections, useValue: new HeldConnections() },
    ];
    const tokens = providers.map((provider) => (provider as { provide: unknown }).provide as string | symbol);
    return { module: SandboxStateModule, global: true, providers, exports: tokens };
  }
}
