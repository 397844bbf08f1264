import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { RequestContext } from './request-context';
import { TenantRowBatch, type TenantBatchStatement, type TenantRow } from './tenant-row-batch';

/**
 * Raw SQL on customer-owned tables, for the hot reads where Prisma's query path costs several times a
 * plain query (see bench/README.md). The tenant is always the request's, taken from the request
 * context exactly as TenantPrisma does; statements are declared with tenantBatchStatement.
 */
@Injectable()
export class TenantSql {
  private readonly batches = new Map<TenantBatchStatement, TenantRowBatch<TenantRow>>();

  constructor(private readonly prisma: PrismaService) {}

  /** The current tenant's row `id`, read together with the other requests' (see TenantRowBatch). */
  rowById<R extends TenantRow>(statement: TenantBatchStatement, id: number): Promise<R | undefined> {
    const tenantId = RequestContext.tenantId();
    let batch = this.batches.get(statement);
    if (!batch) {
      batch = new TenantRowBatch(this.prisma, statement);
      this.batches.set(statement, batch);
    }
    return (batch as TenantRowBatch<R>).read(tenantId, id);
  }
}
