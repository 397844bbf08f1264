import { Global, Module } from '@nestjs/common';
import { TenantPrisma } from './tenant-prisma.service';

@Global()
@Module({ providers: [TenantPrisma], exports: [TenantPrisma] })
export class TenancyModule {}
