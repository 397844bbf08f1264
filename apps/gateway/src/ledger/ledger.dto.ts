import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { Prisma } from '@app/database';
import { MAX_MOVEMENT } from './funds';
import { LEDGER_ENTRY_TYPES, LedgerEntryType } from './ledger.types';

const CENTS = /^\d{1,13}(\.\d{1,2})?$/;

/** Why an amount is refused, or null when it is a positive decimal string of cents within bounds. */
export function moneyAmountProblem(value: unknown, property = 'amount'): string | null {
  if (typeof value !== 'string')
    return `${property} must be a decimal string such as "12.50", not a ${typeof value}`;
  if (!CENTS.test(value)) return `${property} must be a decimal string with at most 2 decimals, e.g. "12.50"`;
  const amount = new Prisma.Decimal(value);
  if (amount.lte(0)) return `${property} must be greater than 0`;
  if (amount.gt(MAX_MOVEMENT)) return `${property} must be at most ${MAX_MOVEMENT.toFixed(2)}`;
  return null;
}

function IsMoneyAmount() {
  return ValidateBy({
    name: 'isMoneyAmount',
    validator: {
      validate: (value: unknown) => moneyAmountProblem(value) === null,
      defaultMessage: (args?: ValidationArguments) => moneyAmountProblem(args?.value, args?.property) ?? '',
    },
  });
}

export class CreateLedgerEntryDto {
  @ApiProperty({ enum: ['credit', 'debit'], description: 'credit adds money, debit takes it.' })
  @IsIn(['credit', 'debit'], { message: 'type must be "credit" or "debit"' })
  type!: 'credit' | 'debit';

  @ApiProperty({ example: '12.50', description: 'A positive decimal string with at most 2 decimals.' })
  @IsMoneyAmount()
  amount!: string;

  @ApiProperty({ example: 'Bank transfer 2026-11-25', maxLength: 500 })
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

export class ListLedgerQuery {
  @ApiPropertyOptional({ enum: LEDGER_ENTRY_TYPES })
  @IsOptional()
  @IsIn(LEDGER_ENTRY_TYPES, { message: `type must be one of ${LEDGER_ENTRY_TYPES.join(', ')}` })
  type?: LedgerEntryType;

  @ApiPropertyOptional({ description: 'Page size, 1 to 200 (default 50).' })
  @IsOptional()
  @Matches(/^([1-9]\d?|1\d\d|200)$/, { message: 'limit must be an integer from 1 to 200' })
  limit?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (newest first).' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'cursor is not valid' })
  cursor?: string;
}
