import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { PricingService } from './pricing.service';
import { QuotesController } from './quotes.controller';

/** Customer prices: StreamSkill's formula on the cached catalog, plus markup; POST /quotes. */
@Module({
  imports: [CatalogModule],
  controllers: [QuotesController],
  providers: [PricingService],
  exports: [PricingService],
})
export class PricingModule {}
