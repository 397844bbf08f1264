import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { isValidCidr } from '../auth/ip-allowlist';
import { DEFAULT_CUSTOMER_SCOPES } from '../auth/scopes';

const CUSTOMER_SCOPES = ['purchases:read', 'purchases:write', 'account:read'] as const;

@ValidatorConstraint({ name: 'cidr' })
class IsCidr implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidCidr(value);
  }
  defaultMessage(): string {
    return 'each value in allowedIps must be an IP address or CIDR block, e.g. "203.0.113.0/24"';
  }
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'storefront production' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ enum: CUSTOMER_SCOPES, isArray: true, default: DEFAULT_CUSTOMER_SCOPES })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty({ message: 'scopes must name at least one scope (leave it out for the defaults)' })
  @ArrayUnique()
  @IsIn(CUSTOMER_SCOPES, { each: true, message: `each scope must be one of ${CUSTOMER_SCOPES.join(', ')}` })
  scopes?: (typeof CUSTOMER_SCOPES)[number][];

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;

  @ApiPropertyOptional({ example: ['203.0.113.0/24'], description: 'Empty or absent: any address.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Validate(IsCidr, { each: true })
  allowedIps?: string[];
}

export class RotateApiKeyDto {
  @ApiPropertyOptional({
    description: 'Seconds the old key keeps working (0 to 30 days, default 1 day).',
    default: 86400,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30 * 24 * 3600)
  gracePeriodSeconds?: number;
}
