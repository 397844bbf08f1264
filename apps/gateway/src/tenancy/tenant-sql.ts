import { Injectable } from '@nestjs/common';
import type { QueryResultRow } from 'pg';
import { namedStatement, PrismaService, type NamedStatement } from '@app/database';
import { RequestContext } from './request-context';

/** A raw statement on customer-owned rows whose `$1` is the current tenant's id. */
export type TenantStatement = NamedStatement & { readonly tenantScoped: true };

const FILTERS_ON_TENANT = /\bcustomer_id\s*=\s*\$1(?!\d)/;

/**
 * Declares a statement for TenantSql. Refused at load time unless it filters on `customer_id = $1`:
 * like the Prisma extension, the tenant is bound here, never by the caller.
 */
export function tenantStatement(text: string): TenantStatement {
  if (!FILTERS_ON_TENANT.test(text))
    throw new Error(`A tenant statement must filter on customer_id = $1: ${text}`);
  return { ...namedStatement(text), tenantScoped: true };
}

/**
 * Raw SQL on customer-owned tables, for the few hot reads where Prisma's query path costs several
 * times a plain query (see bench/README.md). `$1` is always the request's tenant, taken from the
 * request context exactly as TenantPrisma does; the caller's values start at `$2`.
 */
@Injectable()
export class TenantSql {
  constructor(private readonly prisma: PrismaService) {}

  async rows<R extends QueryResultRow>(statement: TenantStatement, values: readonly unknown[]): Promise<R[]> {
    const tenantId = RequestContext.tenantId();
    return this.prisma.run<R>(statement, [tenantId, ...values]);
  }
}
