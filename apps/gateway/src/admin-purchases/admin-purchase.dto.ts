import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';

export const BILLING_STATES = [
  'pending',
  'charged',
  'rejected',
  'needs_review',
  'released',
  'refunded',
] as const;
export const RESOLVE_ACTIONS = ['link', 'release'] as const;
const MAX_INT = 2_147_483_647;

export class ListAdminPurchasesQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'customerId must be a UUID',
  })
  customerId?: string;

  @ApiPropertyOptional({ enum: BILLING_STATES })
  @IsOptional()
  @IsIn(BILLING_STATES, { message: `billingState must be one of ${BILLING_STATES.join(', ')}` })
  billingState?: (typeof BILLING_STATES)[number];

  @ApiPropertyOptional({ description: "StreamSkill's status, e.g. working.", example: 'working' })
  @IsOptional()
  @Matches(/^[a-z_]{1,50}$/, { message: 'status must be lowercase letters or "_" (at most 50)' })
  status?: string;

  @ApiPropertyOptional({ example: '1' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,8}$/, { message: 'tarifId must be a positive integer' })
  tarifId?: string;

  @ApiPropertyOptional({ description: 'Created at or after (ISO 8601).', example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'createdFrom must be an ISO 8601 date-time' })
  createdFrom?: string;

  @ApiPropertyOptional({ description: 'Created before (ISO 8601).', example: '2026-12-31T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'createdTo must be an ISO 8601 date-time' })
  createdTo?: string;

  @ApiPropertyOptional({ description: 'Page size, 1 to 100 (default 50).' })
  @IsOptional()
  @Matches(/^([1-9]\d?|100)$/, { message: 'limit must be an integer from 1 to 100' })
  limit?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (newest first).' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,9}$/, { message: 'cursor is not valid' })
  cursor?: string;
}

export class ResolvePurchaseDto {
  @ApiProperty({
    enum: RESOLVE_ACTIONS,
    description: 'link: the purchase is this upstream purchase (charge it); release: nothing was bought.',
  })
  @IsIn(RESOLVE_ACTIONS, { message: 'action must be "link" or "release"' })
  action!: (typeof RESOLVE_ACTIONS)[number];

  @ApiPropertyOptional({ description: "StreamSkill's purchase id; required for link, refused for release." })
  @ValidateIf((body: ResolvePurchaseDto) => body.action === 'link' || body.upstreamId !== undefined)
  @IsInt({ message: 'upstreamId must be an integer' })
  @Min(1, { message: 'upstreamId must be at least 1' })
  @Max(MAX_INT, { message: `upstreamId must be at most ${MAX_INT}` })
  upstreamId?: number;
}
