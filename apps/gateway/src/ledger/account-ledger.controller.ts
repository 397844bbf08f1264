import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/auth.decorators';
import { ledgerEntryView, LedgerEntryView } from './ledger-entry.view';
import { LedgerHistory, LedgerPage } from './ledger-history.service';
import { ListLedgerQuery } from './ledger.dto';

@ApiTags('account')
@ApiBearerAuth()
@Controller('account/ledger')
export class AccountLedgerController {
  constructor(private readonly history: LedgerHistory) {}

  @Get()
  @RequireScopes('account:read')
  async list(@Query() query: ListLedgerQuery): Promise<LedgerPage<LedgerEntryView>> {
    const page = await this.history.forCurrentTenant(query);
    return { items: page.items.map(ledgerEntryView), nextCursor: page.nextCursor };
  }
}
