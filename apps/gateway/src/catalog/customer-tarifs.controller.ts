import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/auth.decorators';
import { GatewayConfig } from '../config/gateway-config';
import { CustomerCatalogService } from './customer-catalog.service';
import { responseLanguage } from './response-language';
import { parseTarifId } from './tarif-id';
import { TarifQuery } from './tarif-query.dto';
import { AcceptLanguageHeader } from '../http/accept-language-header';

const TARIF_SCHEMA = {
  type: 'object',
  description: "StreamSkill's TarifDetailsObject; price and graduated_prices are the customer's.",
  additionalProperties: true,
};

@ApiTags('tarifs')
@ApiBearerAuth()
@RequireScopes('purchases:read')
@Controller('tarifs')
export class CustomerTarifsController {
  constructor(
    private readonly catalog: CustomerCatalogService,
    private readonly config: GatewayConfig,
  ) {}

  @AcceptLanguageHeader()
  @Get()
  @ApiOperation({ summary: 'The tariffs this customer may buy, at its prices.' })
  @ApiOkResponse({ schema: { type: 'array', items: TARIF_SCHEMA } })
  list(@Headers('accept-language') acceptLanguage?: string) {
    return this.catalog.list(responseLanguage(acceptLanguage, this.config.streamSkill.language));
  }

  @AcceptLanguageHeader()
  @Get(':tarifId')
  @ApiOperation({ summary: "StreamSkill's GET /tarifs/{id}, at this customer's prices." })
  @ApiOkResponse({ schema: TARIF_SCHEMA })
  get(
    @Param('tarifId') tarifId: string,
    @Query() _query: TarifQuery,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    return this.catalog.get(
      parseTarifId(tarifId),
      responseLanguage(acceptLanguage, this.config.streamSkill.language),
    );
  }
}
