import { Controller, Get, Headers, Param, Query, UseGuards } from '@nestjs/common';
import { Account } from '../account/account';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { notFound } from '../common/sandbox-error';
import { languageOf, parseExpand, parsePathId, type QueryValue } from '../http/request-params';
import { findTariff } from './tariff-catalog';
import { tariffView } from './tariff-view';

@Controller('v1/tarifs')
@UseGuards(BearerAuthGuard)
export class TariffsController {
  constructor(private readonly account: Account) {}

  /** `expand=panel` is accepted but adds nothing: `panel` is always present (as in the spec's example). */
  @Get(':tarifId')
  one(
    @Param('tarifId') tarifId: string,
    @Query('expand') expand: QueryValue,
    @Headers('accept-language') lang?: string,
  ) {
    parseExpand(expand, ['panel'] as const);
    const tariff = findTariff(parsePathId(tarifId, 'Tarif not found.'));
    if (!tariff) throw notFound('Tarif not found.');
    return tariffView(tariff, languageOf(lang), this.account.currency);
  }
}
