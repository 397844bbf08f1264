import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';

const PERCENT = /^\d{1,4}(\.\d{1,2})?$/;
const AMOUNT = /^\d{1,14}(\.\d{1,2})?$/;
const PLAN = /^[a-z0-9][a-z0-9_-]{0,49}$/;
/** Strict: the cursor is a customer id, and PostgreSQL refuses a malformed uuid with an error. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * May be left out, but not sent as null: `@IsOptional()` would let null through to a NOT NULL
 * column (a 500 instead of a field error).
 */
const OptionalNotNull = () => ValidateIf((_, value) => value !== undefined);
/** May be left out, or null to clear it. */
const Nullable = () => ValidateIf((_, value) => value !== undefined && value !== null);

/** The fields a customer is created with and may change later; all optional. */
class CustomerSettingsDto {
  @ApiPropertyOptional({
    description: "The reseller's own id for this customer; unique. null clears it.",
    example: 'acme-42',
    type: String,
    nullable: true,
  })
  @Nullable()
  @IsString()
  @Length(1, 200)
  externalId?: string | null;

  @ApiPropertyOptional({
    description: 'Markup over the upstream cost in percent; null uses the tariff default.',
    example: '15.00',
    type: String,
    nullable: true,
  })
  @Nullable()
  @Matches(PERCENT, { message: 'markupPercent must be a decimal string between 0 and 9999.99, e.g. "15.00"' })
  markupPercent?: string | null;

  @ApiPropertyOptional({ description: 'How far the available balance may go below zero.', example: '0.00' })
  @OptionalNotNull()
  @Matches(AMOUNT, { message: 'creditLimit must be a non-negative decimal string, e.g. "100.00"' })
  creditLimit?: string;

  @ApiPropertyOptional({ description: 'Rate-limit plan name.', example: 'standard' })
  @OptionalNotNull()
  @Matches(PLAN, { message: 'plan must be lowercase letters, digits, "-" or "_" (at most 50)' })
  plan?: string;
}

export class CreateCustomerDto extends CustomerSettingsDto {
  @ApiProperty({ example: 'Acme Streams' })
  @IsString()
  @Length(1, 200)
  name!: string;
}

/** PATCH: only the fields sent change. */
export class UpdateCustomerDto extends CustomerSettingsDto {
  @ApiPropertyOptional({ example: 'Acme Streams' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: ['active', 'suspended'] })
  @OptionalNotNull()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';
}

export class ListCustomersQuery {
  @ApiPropertyOptional({ enum: ['active', 'suspended'] })
  @IsOptional()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;

  @ApiPropertyOptional({ description: 'Page size, 1 to 100 (default 50).' })
  @IsOptional()
  @Matches(/^([1-9]\d?|100)$/, { message: 'limit must be an integer from 1 to 100' })
  limit?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @Matches(UUID, { message: 'cursor is not valid' })
  cursor?: string;
}
