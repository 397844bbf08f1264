import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';

const PERCENT = /^\d{1,4}(\.\d{1,2})?$/;
const AMOUNT = /^\d{1,14}(\.\d{1,2})?$/;
const PLAN = /^[a-z0-9][a-z0-9_-]{0,49}$/;

export class CreateCustomerDto {
  @ApiProperty({ example: 'Acme Streams' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({
    description: "The reseller's own id for this customer; unique.",
    example: 'acme-42',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;

  @ApiPropertyOptional({
    description: 'Markup over the upstream cost in percent; null uses the tariff default.',
    example: '15.00',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(PERCENT, { message: 'markupPercent must be a decimal string between 0 and 9999.99, e.g. "15.00"' })
  markupPercent?: string | null;

  @ApiPropertyOptional({ description: 'How far the available balance may go below zero.', example: '0.00' })
  @IsOptional()
  @Matches(AMOUNT, { message: 'creditLimit must be a non-negative decimal string, e.g. "100.00"' })
  creditLimit?: string;

  @ApiPropertyOptional({ description: 'Rate-limit plan name.', example: 'standard' })
  @IsOptional()
  @Matches(PLAN, { message: 'plan must be lowercase letters, digits, "-" or "_" (at most 50)' })
  plan?: string;
}

export class UpdateCustomerDto extends PartialType(CreateCustomerDto) {
  @ApiPropertyOptional({ enum: ['active', 'suspended'] })
  @IsOptional()
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
  @Matches(/^[0-9a-f-]{36}$/, { message: 'cursor is not valid' })
  cursor?: string;
}
