import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** GET /tarifs/{id} query, as upstream takes it: `expand=panel` is accepted (panel is always present). */
export class TarifQuery {
  @ApiPropertyOptional({
    enum: ['panel'],
    description: 'Accepted for compatibility; `panel` is always present.',
  })
  @IsOptional()
  @Matches(/^\s*panel\s*(,\s*panel\s*)*$/, { message: 'Unknown expand value(s). Allowed: panel.' })
  expand?: string;
}
