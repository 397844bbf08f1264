import { Prisma } from '@app/database';

type Args = Record<string, unknown> & { where?: object; data?: unknown };

/** Models that belong to one customer: every query on them is filtered by the current tenant. */
export const TENANT_SCOPED_MODELS = new Set<string>([
  'ApiKey',
  'Purchase',
  'Balance',
  'LedgerEntry',
  'Hold',
  'IdempotencyRecord',
]);

const FILTERED_OPERATIONS = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'delete',
  'deleteMany',
]);
const CREATE_OPERATIONS = new Set(['create', 'createMany', 'createManyAndReturn']);

/**
 * The one place where tenant scoping happens: reads and writes of customer-owned models get the
 * tenant's id added to `where` (or `data`), so a route cannot forget it. Another tenant's row is
 * simply not found.
 */
export function tenantScopeExtension(
  currentTenantId: () => string,
  models: Set<string> = TENANT_SCOPED_MODELS,
) {
  return Prisma.defineExtension({
    name: 'tenant-scope',
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          if (!models.has(model)) return query(args);
          const customerId = currentTenantId();
          const scoped = { ...(args as Args) };
          if (FILTERED_OPERATIONS.has(operation)) {
            scoped.where = { ...(scoped.where ?? {}), customerId };
          } else if (CREATE_OPERATIONS.has(operation)) {
            scoped.data = Array.isArray(scoped.data)
              ? scoped.data.map((row: object) => ({ ...row, customerId }))
              : { ...(scoped.data as object), customerId };
          } else if (operation === 'upsert') {
            throw new Error(
              `upsert on tenant-scoped model ${model} is not supported: use find + create/update`,
            );
          }
          return query(scoped as typeof args);
        },
      },
    },
  });
}
