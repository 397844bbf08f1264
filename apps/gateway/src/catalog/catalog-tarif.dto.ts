import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsOptional, Matches, ValidateIf } from 'class-validator';

const PERCENT = /^\d{1,4}(\.\d{1,2})?$/;

export class PutCatalogTarifDto {
  @ApiProperty({ description: 'Whether customers may see and buy this tariff.', example: true })
  @IsDefined()
  @IsBoolean()
  enabled!: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Default markup in percent for customers without their own; null clears it, omitted keeps it.',
    example: '15.00',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(PERCENT, { message: 'markupPercent must be a decimal string between 0 and 9999.99, e.g. "15.00"' })
  markupPercent?: string | null;

  @ApiPropertyOptional({
    description:
      'false when StreamSkill accepts no duration but 1 for this tariff (its details cannot tell); ' +
      'the gateway then rejects other durations itself. Omitted keeps it (true on a new entry).',
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  supportsDuration?: boolean;
}

export class ListCatalogTarifsQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only enabled, or only disabled, tariffs.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  enabled?: 'true' | 'false';
}
