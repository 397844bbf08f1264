import { applyDecorators, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';

export const AUDIT_ACTION = 'ssg:audit-action';

/** What AuditAction puts in the Fastify route's config, where the onSend hook finds it. */
export interface AuditRouteConfig {
  auditAction?: string;
}

/**
 * Names the action in the audit log; without it the action is `<METHOD> <route pattern>`. Stored in
 * the Fastify route config too, so that the row of a request refused before the handler (by the
 * guard, the body parser or validation) still carries the route's action.
 */
export const AuditAction = (action: string) =>
  applyDecorators(
    SetMetadata(AUDIT_ACTION, action),
    RouteConfig({ auditAction: action } satisfies AuditRouteConfig),
  );
