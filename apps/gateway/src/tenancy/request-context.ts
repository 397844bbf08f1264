import { AsyncLocalStorage } from 'node:async_hooks';
import { GatewayScope } from '../auth/scopes';

/** Who is calling: resolved from the API key by the auth guard. */
export interface Principal {
  keyId: string;
  /** null for admin keys. */
  customerId: string | null;
  scopes: readonly GatewayScope[];
  isAdmin: boolean;
}

export interface RequestContextData {
  requestId?: string;
  ip?: string;
  principal?: Principal;
  /** The customer whose data this request reads and writes: the key's own, or On-Behalf-Of for admins. */
  tenantId?: string;
  /** What a handler adds to its audit row (the id it created, the customer it acted on). */
  audit?: { target?: string; customerId?: string; details?: Record<string, unknown> };
}

const storage = new AsyncLocalStorage<RequestContextData>();

/** Per-request state that repositories read, so that no route has to pass the tenant along. */
export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },

  current(): RequestContextData | undefined {
    return storage.getStore();
  },

  /** Adds the target (and customer) of the current request to its audit row. */
  annotateAudit(audit: NonNullable<RequestContextData['audit']>): void {
    const store = storage.getStore();
    if (store) store.audit = { ...store.audit, ...audit };
  },

  /** The tenant of the current request; throws when code reads customer data outside of one. */
  tenantId(): string {
    const tenantId = storage.getStore()?.tenantId;
    if (!tenantId) throw new MissingTenantError();
    return tenantId;
  },

  /**
   * For background jobs and admin operations that act for one customer explicitly. Prisma queries are
   * lazy and read the tenant when awaited: await them inside `fn`.
   */
  runAsTenant<T>(tenantId: string, fn: () => T): T {
    return storage.run({ ...storage.getStore(), tenantId }, fn);
  },
};

export class MissingTenantError extends Error {
  constructor() {
    super('Customer data was queried outside of a tenant context');
  }
}
