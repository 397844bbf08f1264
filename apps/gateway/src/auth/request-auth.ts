import type { Principal, RequestContextData } from '../tenancy/request-context';
import type { KeyRejection } from './key-record';

export interface AuthFailure {
  reason: KeyRejection | 'missing' | 'scope' | 'on_behalf_of';
  keyId?: string;
  customerId?: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    /** The customer this request acts on. */
    tenantId?: string;
    authFailure?: AuthFailure;
    /** The request context the handler ran in (see tenancy/request-context.hook.ts). */
    context?: RequestContextData;
  }
}
