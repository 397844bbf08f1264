import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsInt, IsOptional, Min } from 'class-validator';

/** ProlongObject: `count` is not marked required by the spec; absent means 1. */
export class ProlongDto {
  @IsOptional() @IsInt() @Min(1) count?: number;
}

/** BulkIdsObject. */
export class BulkIdsDto {
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  ids!: number[];
}
