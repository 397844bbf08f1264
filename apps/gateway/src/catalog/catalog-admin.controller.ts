import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators';
import { AuditAction } from '../audit/audit.decorators';
import { CatalogAdminService } from './catalog-admin.service';
import { ListCatalogTarifsQuery, PutCatalogTarifDto } from './catalog-tarif.dto';
import { CatalogTarifView } from './catalog-tarif.view';
import { parseTarifId } from './tarif-id';

@ApiTags('admin: catalog')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin/tarifs')
export class CatalogAdminController {
  constructor(private readonly catalog: CatalogAdminService) {}

  @Put(':tarifId')
  @AuditAction('catalog.tarif.put')
  @ApiOperation({ summary: 'Resell a StreamSkill tariff (or stop): fetches GET /tarifs/{id} upstream.' })
  @ApiOkResponse({ type: CatalogTarifView })
  put(@Param('tarifId') tarifId: string, @Body() dto: PutCatalogTarifDto) {
    return this.catalog.put(parseTarifId(tarifId), dto);
  }

  @Get()
  @ApiOkResponse({
    schema: {
      properties: { items: { type: 'array', items: { $ref: '#/components/schemas/CatalogTarifView' } } },
    },
  })
  list(@Query() query: ListCatalogTarifsQuery) {
    return this.catalog.list(query);
  }

  @Get(':tarifId')
  @ApiOkResponse({ type: CatalogTarifView })
  get(@Param('tarifId') tarifId: string) {
    return this.catalog.get(parseTarifId(tarifId));
  }

  @Post(':tarifId/refresh')
  @HttpCode(200)
  @AuditAction('catalog.tarif.refresh')
  @ApiOperation({ summary: "Re-fetch the tariff's details from StreamSkill now." })
  @ApiOkResponse({ type: CatalogTarifView })
  refresh(@Param('tarifId') tarifId: string) {
    return this.catalog.refresh(parseTarifId(tarifId));
  }
}
