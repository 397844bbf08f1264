import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
import { STREAM_LANGUAGES, type CartObject, type StreamLanguage, type TarifObject } from '@app/streamskill';

/** StreamSkill's TarifObject, with the seed's limits; what a given tariff accepts is checked when pricing. */
export class TarifDto implements TarifObject {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'The ID of the tarif' })
  @IsDefined()
  @IsInt()
  @Min(1)
  id!: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 10000,
    example: 1000,
    description: 'Defaults to the tariff count',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  quantity?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 24,
    default: 1,
    example: 24,
    description: 'Hours for hourly tariffs, days otherwise',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24)
  duration?: number;
}

/** StreamSkill's CartObject (POST /purchases/create), validated by upstream's rules; unknown fields are refused. */
export class CartDto implements CartObject {
  @ApiProperty({ type: TarifDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TarifDto)
  tarif!: TarifDto;

  @ApiProperty({
    example: 'twitch',
    description: 'The channel (or another slug for the tarif, e.g. a video id)',
  })
  @IsDefined()
  @IsString()
  @Matches(/\S/, { message: 'channel cannot be blank' })
  channel!: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 86400,
    example: 10,
    description: 'If the tarif supports a custom interval',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86400)
  interval?: number;

  @ApiPropertyOptional({
    enum: STREAM_LANGUAGES,
    default: 'auto',
    description: 'Stream language, AI chatbot tariffs only',
  })
  @IsOptional()
  @IsIn(STREAM_LANGUAGES)
  lang?: StreamLanguage;

  @ApiPropertyOptional({ default: '', example: 'Test comment' })
  @IsOptional()
  @IsString()
  comment?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Start after creation (only if the tariff supports start)',
  })
  @IsOptional()
  @IsBoolean()
  start?: boolean;
}
