import { ApiProperty } from '@nestjs/swagger';
import { toMoneyString } from '@app/common';
import type { CatalogTarif } from '@app/database';
import type { TarifDetailsObject } from '@app/streamskill';

/** A catalog entry as admins see it: the resale terms and StreamSkill's cached details (upstream prices). */
export class CatalogTarifView {
  @ApiProperty({ example: 1 }) id!: number;
  @ApiProperty({ example: true }) enabled!: boolean;
  @ApiProperty({ type: String, nullable: true, example: '15.00' }) markupPercent!: string | null;
  @ApiProperty({ example: true }) supportsDuration!: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'GET /tarifs/{id} upstream, in English.',
  })
  details!: TarifDetailsObject;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The same in Russian.',
  })
  detailsRu!: TarifDetailsObject | null;
  @ApiProperty({ example: '2026-11-25T12:00:00.000Z' }) fetchedAt!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export function catalogTarifView(tarif: CatalogTarif): CatalogTarifView {
  return {
    id: tarif.id,
    enabled: tarif.enabled,
    markupPercent: tarif.markupPercent === null ? null : toMoneyString(tarif.markupPercent),
    supportsDuration: tarif.supportsDuration,
    details: tarif.details as unknown as TarifDetailsObject,
    detailsRu: tarif.detailsRu as unknown as TarifDetailsObject | null,
    fetchedAt: tarif.fetchedAt.toISOString(),
    createdAt: tarif.createdAt.toISOString(),
    updatedAt: tarif.updatedAt.toISOString(),
  };
}
