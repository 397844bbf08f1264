import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditAction } from '../audit/audit.decorators';
import { AdminOnly } from '../auth/auth.decorators';
import { parsePurchaseId, purchaseNotFound } from '../purchases/dto/request-params';
import { ListAdminPurchasesQuery, ResolvePurchaseDto } from './admin-purchase.dto';
import type { AdminPurchaseView } from './admin-purchase.view';
import { AdminPurchasePage, AdminPurchasesQuery } from './admin-purchases-query.service';
import { ResolvePurchase } from './resolve-purchase.service';

@ApiTags('admin: purchases')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin/purchases')
export class AdminPurchasesController {
  constructor(
    private readonly purchases: AdminPurchasesQuery,
    private readonly resolvePurchase: ResolvePurchase,
  ) {}

  @Get()
  list(@Query() query: ListAdminPurchasesQuery): Promise<AdminPurchasePage> {
    return this.purchases.list(query);
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<AdminPurchaseView> {
    const purchase = await this.purchases.get(parsePurchaseId(id));
    if (!purchase) throw purchaseNotFound();
    return purchase;
  }

  /** Settles a needs_review (or stuck pending) purchase: link it to an upstream purchase, or release it. */
  @Post(':id/resolve')
  @HttpCode(200)
  @AuditAction('purchase.resolve')
  async resolve(@Param('id') id: string, @Body() dto: ResolvePurchaseDto): Promise<AdminPurchaseView> {
    const purchaseId = parsePurchaseId(id);
    await this.resolvePurchase.execute(purchaseId, dto);
    return (await this.purchases.get(purchaseId)) as AdminPurchaseView;
  }
}
