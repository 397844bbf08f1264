import type { FastifyReply, FastifyRequest } from 'fastify';
import '../auth/request-auth';
import { AuditEntry } from './audit-entry';
import type { AuditRouteConfig } from './audit.decorators';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which requests leave a row: every mutating one, and every failed authentication or authorization. */
export function isAudited(request: FastifyRequest, reply: FastifyReply): boolean {
  return MUTATING.has(request.method) || request.authFailure !== undefined || reply.statusCode === 401;
}

/**
 * The customer columns are UUIDs: a path parameter or header that is not one (a 404 for
 * `/admin/customers/abc`) must not make the row unwritable, or it would sit in the retry backlog forever.
 */
function customerIdOrNull(value: string | null | undefined): string | null {
  return value && UUID.test(value) ? value : null;
}

export function auditEntryFor(request: FastifyRequest, reply: FastifyReply): AuditEntry {
  const principal = request.principal;
  const failure = request.authFailure;
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const route = request.routeOptions?.url ?? request.url.split('?')[0];
  const routeAction = (request.routeOptions?.config as AuditRouteConfig | undefined)?.auditAction;
  const adminCustomer = route.startsWith('/v1/admin/customers/:id') ? params.id : undefined;
  const status = reply.statusCode;
  const annotated = request.context?.audit;
  return {
    actorType: principal ? (principal.isAdmin ? 'admin' : 'key') : 'anonymous',
    actorId: principal?.keyId ?? failure?.keyId ?? null,
    actorCustomerId: customerIdOrNull(principal?.customerId ?? failure?.customerId),
    customerId: customerIdOrNull(
      annotated?.customerId ?? request.tenantId ?? adminCustomer ?? principal?.customerId,
    ),
    action: failure ? `auth.${failure.reason}` : (routeAction ?? `${request.method} ${route}`),
    target: annotated?.target ?? params.keyId ?? params.id ?? params.tarifId ?? null,
    outcome: status < 400 ? 'success' : 'failure',
    httpStatus: status,
    requestId: String(request.id),
    ip: request.ip,
    details: failure
      ? { reason: failure.reason, method: request.method, route, ...(routeAction ? { routeAction } : {}) }
      : (annotated?.details ?? null),
  };
}
