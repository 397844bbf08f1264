import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/auth.decorators';
import { languageOf, parseExpand, parseIdList, parsePurchaseId, type QueryValue } from './dto/request-params';
import { PurchaseReads } from './purchase-reads';
import { BulkPurchasesDoc, PurchaseObjectDoc } from './view/purchase-object.doc';
import { AcceptLanguageHeader } from '../http/accept-language-header';

const EXPAND_QUERY = {
  name: 'expand',
  required: false,
  description: 'Comma-separated: tarif, parent, api, chatbot.',
  example: 'tarif,parent',
};

/** StreamSkill's purchase reads, answered from the gateway's database. */
@ApiTags('purchases (StreamSkill-compatible)')
@ApiBearerAuth()
@ApiQuery(EXPAND_QUERY)
@RequireScopes('purchases:read')
@Controller('purchases')
export class PurchaseReadsController {
  constructor(private readonly reads: PurchaseReads) {}

  @AcceptLanguageHeader()
  @Get()
  @ApiOkResponse({ type: [PurchaseObjectDoc] })
  list(@Query('expand') expand: QueryValue, @Headers('accept-language') language?: string) {
    return this.reads.list({ expand: parseExpand(expand), language: languageOf(language) });
  }

  @AcceptLanguageHeader()
  @Get('uncomplete')
  @ApiOkResponse({ type: [PurchaseObjectDoc] })
  uncompleted(@Query('expand') expand: QueryValue, @Headers('accept-language') language?: string) {
    return this.reads.uncompleted({ expand: parseExpand(expand), language: languageOf(language) });
  }

  @AcceptLanguageHeader()
  @Get('bulk')
  @ApiQuery({ name: 'ids', required: true, description: 'Comma-separated purchase ids, at most 100.' })
  @ApiOkResponse({ type: BulkPurchasesDoc })
  bulk(
    @Query('ids') ids: QueryValue,
    @Query('expand') expand: QueryValue,
    @Headers('accept-language') language?: string,
  ) {
    const options = { expand: parseExpand(expand), language: languageOf(language) };
    return this.reads.bulk(parseIdList(ids), options);
  }

  @AcceptLanguageHeader()
  @Get(':id')
  @ApiOkResponse({ type: PurchaseObjectDoc })
  one(
    @Param('id') id: string,
    @Query('expand') expand: QueryValue,
    @Headers('accept-language') language?: string,
  ) {
    const purchaseId = parsePurchaseId(id);
    return this.reads.one(purchaseId, { expand: parseExpand(expand), language: languageOf(language) });
  }
}
