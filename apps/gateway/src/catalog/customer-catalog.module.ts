import { Module } from '@nestjs/common';
import { PricingModule } from '../pricing/pricing.module';
import { CatalogModule } from './catalog.module';
import { CustomerCatalogService } from './customer-catalog.service';
import { CustomerTarifsController } from './customer-tarifs.controller';

/** Customer routes GET /tarifs and GET /tarifs/{id}: the cached catalog at the customer's prices. */
@Module({
  imports: [CatalogModule, PricingModule],
  controllers: [CustomerTarifsController],
  providers: [CustomerCatalogService],
})
export class CustomerCatalogModule {}
