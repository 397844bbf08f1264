import { SetMetadata } from '@nestjs/common';

export const AUDIT_ACTION = 'ssg:audit-action';

/** Names the action in the audit log; without it the action is `<METHOD> <route pattern>`. */
export const AuditAction = (action: string) => SetMetadata(AUDIT_ACTION, action);
