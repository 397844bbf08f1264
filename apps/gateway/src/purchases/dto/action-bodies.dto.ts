import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsInt, IsOptional, Min } from 'class-validator';

/** ProlongObject: hours for hourly tariffs, days otherwise. Upstream does not mark it required (1). */
export class ProlongDto {
  @ApiPropertyOptional({ minimum: 1, example: 1, description: 'Hours if the tariff is hourly, else days.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  count?: number;
}

/** BulkIdsObject, with the gateway's purchase ids. */
export class BulkIdsDto {
  @ApiProperty({ type: [Number], minItems: 1, maxItems: 100, example: [1, 2, 3] })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  ids!: number[];
}
