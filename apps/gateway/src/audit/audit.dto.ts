import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

/** Strict: the column is a uuid, and PostgreSQL refuses anything else with an error, not a miss. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class AuditQuery {
  @ApiPropertyOptional({ description: 'Key id of the actor (or a job name).' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  actorId?: string;

  @ApiPropertyOptional({ enum: ['key', 'admin', 'job', 'anonymous'] })
  @IsOptional()
  @IsIn(['key', 'admin', 'job', 'anonymous'])
  actorType?: string;

  @ApiPropertyOptional({ description: 'The customer acted on or for.' })
  @IsOptional()
  @Matches(UUID, { message: 'customerId must be a UUID' })
  customerId?: string;

  @ApiPropertyOptional({ example: 'customer.create' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  action?: string;

  @ApiPropertyOptional({ enum: ['success', 'failure'] })
  @IsOptional()
  @IsIn(['success', 'failure'])
  outcome?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31T23:59:59Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Page size, 1 to 200 (default 50).' })
  @IsOptional()
  @Matches(/^([1-9]\d?|1\d\d|200)$/, { message: 'limit must be an integer from 1 to 200' })
  limit?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (newest first).' })
  @IsOptional()
  // 18 digits at most: every such number fits the bigint column (19 may not).
  @Matches(/^\d{1,18}$/, { message: 'cursor is not valid' })
  cursor?: string;
}
