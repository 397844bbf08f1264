import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

/** A plan name, as Customer.plan accepts it. */
export const PLAN_NAME = /^[a-z0-9][a-z0-9_-]{0,49}$/;

const MAX_PER_SECOND = 1_000_000;
const MAX_PER_MINUTE = 60_000_000;
/** May be left out, or null: no per-key limit. */
const Nullable = () => ValidateIf((_, value) => value !== undefined && value !== null);

export class PutRateLimitPlanDto {
  @ApiProperty({ description: 'Requests per second of a customer, all its keys together.', example: 30 })
  @IsInt()
  @Min(1)
  @Max(MAX_PER_SECOND)
  burst!: number;

  @ApiProperty({ description: 'Requests per minute of a customer, all its keys together.', example: 600 })
  @IsInt()
  @Min(1)
  @Max(MAX_PER_MINUTE)
  perMinute!: number;

  @ApiPropertyOptional({
    description: "Requests per second of each key; null or absent: a key may use the customer's whole burst.",
    example: 10,
    nullable: true,
    type: Number,
  })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(MAX_PER_SECOND)
  keyBurst?: number | null;

  @ApiPropertyOptional({
    description: 'Requests per minute of each key; null or absent: no per-key limit.',
    example: 200,
    nullable: true,
    type: Number,
  })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(MAX_PER_MINUTE)
  keyPerMinute?: number | null;
}
