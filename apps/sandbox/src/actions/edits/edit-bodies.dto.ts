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
import { STREAM_LANGUAGES } from '../../purchases/stream-languages';

const NOT_BLANK = { message: '$property cannot be blank' };

export const ONLINE_MODES = ['smooth_only', 'smooth_floating', 'manual'] as const;

/** EditTwitchViewersObject; customX is treated as enabled, so the multipliers go up to 30. */
export class EditTwitchViewersDto {
  @IsOptional() @IsString() @Matches(/\S/, NOT_BLANK) channel?: string;
  @IsOptional() @IsInt() @Min(1) threads?: number;
  @IsOptional() @IsInt() @Min(1) @Max(30) stream_views?: number;
  @IsOptional() @IsInt() @Min(1) @Max(30) uniq_viewers?: number;
  @IsOptional() @IsBoolean() raid?: boolean;
  @IsOptional() @IsInt() @Min(5) @Max(60) raid_time?: number;
  @IsOptional() @IsInt() @Min(1) @Max(60) connect_time?: number;
  @IsOptional() @IsIn(ONLINE_MODES) online_mode?: (typeof ONLINE_MODES)[number];
  @IsOptional() @IsObject() manual_chart?: Record<string, number>;
  @IsOptional() @IsInt() @Min(0) @Max(100) manual_chart_randomization?: number;
  @IsOptional() @IsString() @Matches(/\S/, NOT_BLANK) manual_chart_end_action?: string;
  @IsOptional() @IsInt() manual_chart_end_param?: number;
  @IsOptional() @IsString() geo?: string;
  @IsOptional() @IsInt() geo_percent?: number;
  @IsOptional() @IsInt() chatlist?: number;
}

/** EditTwitchFollowersObject. */
export class EditTwitchFollowersDto {
  @IsOptional() @IsString() @Matches(/\S/, NOT_BLANK) channel?: string;
  @IsOptional() @IsInt() @Min(1) @Max(86400) interval?: number;
  @IsOptional() @IsBoolean() floating_interval?: boolean;
}

/** EditChatbotObject. */
export class EditChatbotDto {
  @IsOptional() @IsInt() @Min(1) interval?: number;
  @IsOptional() @IsIn([0, 1]) mode?: number;
  @IsOptional() @IsArray() @IsString({ each: true }) phrases?: string[];
}

/** EditAiChatbotsObject; `language` takes the CartObject `lang` codes (the "/tariffs" list it cites does not exist). */
export class EditAiChatbotsDto {
  @IsOptional() @IsIn(STREAM_LANGUAGES) language?: string;
  @IsOptional() @IsInt() @Min(1) count?: number;
  @IsOptional() @IsInt() @Min(1) @Max(60) interval?: number;
}
