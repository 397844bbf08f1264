import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import { CustomersService } from '../customers/customers.service';
import { IdempotentExecution } from '../idempotency/idempotent-execution';
import { RequestContext } from '../tenancy/request-context';
import { AdminLedgerEntryView, adminLedgerEntryView } from './ledger-entry.view';
import { LedgerHistory, LedgerPage } from './ledger-history.service';
import { CreateLedgerEntryDto, ListLedgerQuery } from './ledger.dto';
import { LEDGER_TRANSACTION_OPTIONS, LedgerService } from './ledger.service';

/** Manual credits and debits by the admin team, and any customer's ledger. */
@Injectable()
export class AdminLedger {
  constructor(
    private readonly prisma: PrismaService,
    private readonly ledger: LedgerService,
    private readonly history: LedgerHistory,
    private readonly customers: CustomersService,
  ) {}

  async post(customerId: string, dto: CreateLedgerEntryDto): Promise<AdminLedgerEntryView> {
    await this.customers.findOrThrow(customerId);
    const key = IdempotentExecution.key();
    const input = {
      customerId,
      amount: new Prisma.Decimal(dto.amount),
      actor: { type: 'admin' as const, id: RequestContext.current()?.principal?.keyId ?? null },
      reason: dto.reason,
      reference: key === undefined ? undefined : `idempotency-key:${key}`,
    };
    const entry = await this.prisma.$transaction(
      (tx) => (dto.type === 'credit' ? this.ledger.credit(tx, input) : this.ledger.debit(tx, input)),
      LEDGER_TRANSACTION_OPTIONS,
    );
    RequestContext.annotateAudit({
      target: customerId,
      customerId,
      details: { entryId: entry.id.toString(), type: dto.type, amount: dto.amount },
    });
    return adminLedgerEntryView(entry);
  }

  async list(customerId: string, query: ListLedgerQuery): Promise<LedgerPage<AdminLedgerEntryView>> {
    await this.customers.findOrThrow(customerId);
    const page = await this.history.forCustomer(customerId, query);
    return { items: page.items.map(adminLedgerEntryView), nextCursor: page.nextCursor };
  }
}
