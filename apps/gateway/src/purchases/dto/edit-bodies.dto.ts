import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { STREAM_LANGUAGES } from '@app/streamskill';

const NOT_BLANK = { message: '$property cannot be blank' };
const ONLINE_MODES = ['smooth_only', 'smooth_floating', 'manual'] as const;

/**
 * The edit bodies with the spec's per-field rules. Rules that depend on the order (what was bought,
 * its current mode) are StreamSkill's to check: its 422 reaches the caller as is.
 */
export class EditTwitchViewersDto {
  @ApiPropertyOptional({ example: 'twitch' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  channel?: string;
  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @IsInt() @Min(1) threads?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  stream_views?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  uniq_viewers?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() raid?: boolean;
  @ApiPropertyOptional({ minimum: 5, maximum: 60 })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(60)
  raid_time?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 60 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  connect_time?: number;
  @ApiPropertyOptional({ enum: ONLINE_MODES })
  @IsOptional()
  @IsIn(ONLINE_MODES)
  online_mode?: (typeof ONLINE_MODES)[number];
  @ApiPropertyOptional({
    description: 'Viewers in percent (0..100) by minute of the stream.',
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { '0': 20, '5': 100, '30': 80 },
  })
  @IsOptional()
  @IsObject()
  manual_chart?: Record<string, number>;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  manual_chart_randomization?: number;
  @ApiPropertyOptional({ example: 'repeat' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  manual_chart_end_action?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() manual_chart_end_param?: number;
  @ApiPropertyOptional({ example: 'auto' }) @IsOptional() @IsString() geo?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() geo_percent?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() chatlist?: number;
}

export class EditTwitchFollowersDto {
  @ApiPropertyOptional({ example: 'new_channel' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  channel?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 86400 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86400)
  interval?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() floating_interval?: boolean;
}

export class EditChatbotDto {
  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @IsInt() @Min(1) interval?: number;
  @ApiPropertyOptional({ enum: [0, 1] }) @IsOptional() @IsIn([0, 1]) mode?: 0 | 1;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  phrases?: string[];
}

export class EditAiChatbotsDto {
  @ApiPropertyOptional({ enum: STREAM_LANGUAGES }) @IsOptional() @IsIn(STREAM_LANGUAGES) language?: string;
  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @IsInt() @Min(1) count?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 60 }) @IsOptional() @IsInt() @Min(1) @Max(60) interval?: number;
}
