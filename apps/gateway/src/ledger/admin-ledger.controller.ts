import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators';
import { AuditAction } from '../audit/audit.decorators';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { AdminLedger } from './admin-ledger.service';
import { AdminLedgerEntryView } from './ledger-entry.view';
import { CreateLedgerEntryDto, ListLedgerQuery } from './ledger.dto';

@ApiTags('admin: ledger')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin/customers/:id/ledger')
export class AdminLedgerController {
  constructor(private readonly ledger: AdminLedger) {}

  /** Audited as `ledger.adjust`; the row's details say credit or debit, the amount and the entry id. */
  @Post()
  @Idempotent({ customerParam: 'id' })
  @AuditAction('ledger.adjust')
  @ApiCreatedResponse({ type: AdminLedgerEntryView })
  post(@Param('id') customerId: string, @Body() dto: CreateLedgerEntryDto) {
    return this.ledger.post(customerId, dto);
  }

  @Get()
  list(@Param('id') customerId: string, @Query() query: ListLedgerQuery) {
    return this.ledger.list(customerId, query);
  }
}
