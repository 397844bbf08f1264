import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { STREAM_LANGUAGES } from './stream-languages';

/** TarifObject (seed): the schema's limits; per-tariff limits are checked by the service. */
export class TarifDto {
  @IsDefined() @IsInt() @Min(1) id!: number;
  @IsOptional() @IsInt() @Min(1) @Max(10000) quantity?: number;
  @IsOptional() @IsInt() @Min(1) @Max(24) duration?: number;
}

/** CartObject (seed). */
export class CartDto {
  @IsDefined() @IsObject() @ValidateNested() @Type(() => TarifDto) tarif!: TarifDto;
  @IsDefined() @IsString() @Matches(/\S/, { message: 'channel cannot be blank' }) channel!: string;
  @IsOptional() @IsInt() @Min(1) @Max(86400) interval?: number;
  @IsOptional() @IsIn(STREAM_LANGUAGES) lang?: string;
  @IsOptional() @IsString() comment?: string;
  @IsOptional() @IsBoolean() start?: boolean;
}
