import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { RequestContext } from './request-context';
import { tenantScopeExtension } from './tenant-scope.extension';

function scopedClient(prisma: PrismaService) {
  return prisma.$extends(tenantScopeExtension(() => RequestContext.tenantId()));
}

export type TenantScopedClient = ReturnType<typeof scopedClient>;

/** Repositories of customer data use this client: it always filters by the current request's tenant. */
@Injectable()
export class TenantPrisma {
  readonly client: TenantScopedClient;

  constructor(prisma: PrismaService) {
    this.client = scopedClient(prisma);
  }
}
