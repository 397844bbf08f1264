import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { PricingModule } from '../pricing/pricing.module';
import { BulkStop } from './actions/bulk-stop';
import { PurchaseActions } from './actions/purchase-actions';
import { PurchaseRefresher } from './actions/purchase-refresher';
import { CreatePurchase } from './create/create-purchase';
import { CustomerMoneyQueue } from './customer-money-queue';
import { ReserveCreateFunds } from './create/reserve-create-funds';
import { QuoteCreate } from './create/quote-create';
import { SettleCreateOutcome } from './create/settle-create-outcome';
import { ProlongPricing } from './prolong/prolong-price';
import { ProlongPurchase } from './prolong/prolong-purchase';
import { ReserveProlongFunds } from './prolong/reserve-prolong-funds';
import { SettleProlongOutcome } from './prolong/settle-prolong-outcome';
import { PurchaseReads } from './purchase-reads';
import { PurchaseReadsController } from './purchase-reads.controller';
import { PurchaseRepository } from './purchase.repository';
import { PurchaseWritesController } from './purchase-writes.controller';
import { UpstreamPurchases } from './upstream/upstream-purchases';
import { PurchasePresenter } from './view/purchase-presenter';

/** StreamSkill-compatible purchase routes: reads from the gateway's rows, billed creates and prolongs. */
@Module({
  imports: [LedgerModule, PricingModule],
  controllers: [PurchaseReadsController, PurchaseWritesController],
  providers: [
    UpstreamPurchases,
    CustomerMoneyQueue,
    PurchaseRepository,
    PurchasePresenter,
    PurchaseReads,
    QuoteCreate,
    ReserveCreateFunds,
    SettleCreateOutcome,
    CreatePurchase,
    ProlongPricing,
    ReserveProlongFunds,
    SettleProlongOutcome,
    ProlongPurchase,
    PurchaseRefresher,
    PurchaseActions,
    BulkStop,
  ],
  exports: [UpstreamPurchases],
})
export class PurchasesModule {}
