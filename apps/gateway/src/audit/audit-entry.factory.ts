import type { FastifyReply, FastifyRequest } from 'fastify';
import '../auth/request-auth';
import { AuditEntry } from './audit-entry';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set from @AuditAction by the request-context interceptor. */
    auditAction?: string;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Which requests leave a row: every mutating one, and every failed authentication or authorization. */
export function isAudited(request: FastifyRequest, reply: FastifyReply): boolean {
  return MUTATING.has(request.method) || request.authFailure !== undefined || reply.statusCode === 401;
}

export function auditEntryFor(request: FastifyRequest, reply: FastifyReply): AuditEntry {
  const principal = request.principal;
  const failure = request.authFailure;
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const route = request.routeOptions?.url ?? request.url.split('?')[0];
  const adminCustomer = route.startsWith('/v1/admin/customers/:id') ? params.id : undefined;
  const status = reply.statusCode;
  const annotated = request.context?.audit;
  return {
    actorType: principal ? (principal.isAdmin ? 'admin' : 'key') : 'anonymous',
    actorId: principal?.keyId ?? failure?.keyId ?? null,
    actorCustomerId: principal?.customerId ?? failure?.customerId ?? null,
    customerId: annotated?.customerId ?? request.tenantId ?? adminCustomer ?? principal?.customerId ?? null,
    action: request.auditAction ?? (failure ? `auth.${failure.reason}` : `${request.method} ${route}`),
    target: annotated?.target ?? params.keyId ?? params.id ?? params.tarifId ?? null,
    outcome: status < 400 ? 'success' : 'failure',
    httpStatus: status,
    requestId: String(request.id),
    ip: request.ip,
    details: failure
      ? { reason: failure.reason, method: request.method, route }
      : (annotated?.details ?? null),
  };
}
