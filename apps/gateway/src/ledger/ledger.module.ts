import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { AccountLedgerController } from './account-ledger.controller';
import { AdminLedgerController } from './admin-ledger.controller';
import { AdminLedger } from './admin-ledger.service';
import { BalanceBook } from './balance-book';
import { CaptureHold } from './capture-hold';
import { CreditBalance } from './credit-balance';
import { DebitBalance } from './debit-balance';
import { HoldBook } from './hold-book';
import { LedgerHistory } from './ledger-history.service';
import { LedgerService } from './ledger.service';
import { PlaceHold } from './place-hold';
import { RefundPurchase } from './refund-purchase';
import { ReleaseHold } from './release-hold';
import { SettlementLocks } from './settlement-locks';
import { SqlTransactions } from './sql-transactions';

@Module({
  imports: [CustomersModule],
  controllers: [AdminLedgerController, AccountLedgerController],
  providers: [
    BalanceBook,
    HoldBook,
    SettlementLocks,
    CreditBalance,
    DebitBalance,
    PlaceHold,
    CaptureHold,
    ReleaseHold,
    RefundPurchase,
    LedgerService,
    LedgerHistory,
    AdminLedger,
    SqlTransactions,
  ],
  exports: [LedgerService, SqlTransactions],
})
export class LedgerModule {}
