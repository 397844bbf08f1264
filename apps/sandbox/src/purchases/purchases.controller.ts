import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { notFound } from '../common/sandbox-error';
import { languageOf, parseExpand, parseIdList, parsePathId, type QueryValue } from '../http/request-params';
import { CreatePurchaseService } from './create-purchase.service';
import { PurchaseStore } from './purchase-store';
import { PURCHASE_EXPANDS, purchaseView, type PurchaseViewContext } from './purchase-view';
import { UNCOMPLETED_STATUSES } from './purchase.types';

@Controller('v1/purchases')
@UseGuards(BearerAuthGuard)
export class PurchasesController {
  constructor(
    private readonly purchases: PurchaseStore,
    private readonly creator: CreatePurchaseService,
  ) {}

  @Get()
  list(@Query('expand') expand: QueryValue, @Headers('accept-language') language?: string) {
    const context = viewContext(expand, language);
    return this.purchases.listOwn().map((purchase) => purchaseView(purchase, context));
  }

  @Get('uncomplete')
  uncompleted(@Query('expand') expand: QueryValue, @Headers('accept-language') language?: string) {
    const context = viewContext(expand, language);
    return this.purchases
      .listOwn()
      .filter((purchase) => UNCOMPLETED_STATUSES.includes(purchase.status))
      .map((purchase) => purchaseView(purchase, context));
  }

  @Get('bulk')
  bulk(
    @Query('ids') ids: QueryValue,
    @Query('expand') expand: QueryValue,
    @Headers('accept-language') language?: string,
  ) {
    const context = viewContext(expand, language);
    const found = parseIdList(ids).map((id) => ({ id, purchase: this.purchases.findOwn(id) }));
    return {
      items: found.flatMap(({ purchase }) => (purchase ? [purchaseView(purchase, context)] : [])),
      missing_ids: found.filter(({ purchase }) => !purchase).map(({ id }) => id),
    };
  }

  @Post('create')
  @HttpCode(200)
  create(
    @Body() body: unknown,
    @Query('expand') expand: QueryValue,
    @Headers('accept-language') language?: string,
  ) {
    const context = viewContext(expand, language);
    return purchaseView(this.creator.create(body), context);
  }

  @Get(':orderId')
  one(
    @Param('orderId') orderId: string,
    @Query('expand') expand: QueryValue,
    @Headers('accept-language') language?: string,
  ) {
    const context = viewContext(expand, language);
    const purchase = this.purchases.findOwn(parsePathId(orderId, 'Purchase not found.'));
    if (!purchase) throw notFound('Purchase not found.');
    return purchaseView(purchase, context);
  }
}

function viewContext(expand: QueryValue, language: string | undefined): PurchaseViewContext {
  return { expand: parseExpand(expand, PURCHASE_EXPANDS), language: languageOf(language) };
}
