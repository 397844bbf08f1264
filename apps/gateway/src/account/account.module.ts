import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';

@Module({ imports: [LedgerModule], controllers: [AccountController], providers: [AccountService] })
export class AccountModule {}
