import { Global, Module } from '@nestjs/common';
import { TenantPrisma } from './tenant-prisma.service';
import { TenantSql } from './tenant-sql';

@Global()
@Module({ providers: [TenantPrisma, TenantSql], exports: [TenantPrisma, TenantSql] })
export class TenancyModule {}
