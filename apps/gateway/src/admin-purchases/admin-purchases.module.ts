import { Module } from '@nestjs/common';
import { PurchasesModule } from '../purchases/purchases.module';
import { ReconcilerModule } from '../reconciler/reconciler.module';
import { AdminPurchasesController } from './admin-purchases.controller';
import { AdminPurchasesQuery } from './admin-purchases-query.service';
import { ResolvePurchase } from './resolve-purchase.service';

/** GET /admin/purchases and POST /admin/purchases/{id}/resolve. */
@Module({
  imports: [ReconcilerModule, PurchasesModule],
  controllers: [AdminPurchasesController],
  providers: [AdminPurchasesQuery, ResolvePurchase],
})
export class AdminPurchasesModule {}
