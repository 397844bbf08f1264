import { ApiProperty } from '@nestjs/swagger';

/** The limits a plan name stands for, whether an admin stored them or the settings' defaults apply. */
export class RateLimitPlanView {
  @ApiProperty({ example: 'standard' })
  name!: string;

  @ApiProperty({
    enum: ['plan', 'defaults'],
    description: 'plan: stored through this API; defaults: no row, the RATE_LIMIT_DEFAULT_* settings apply.',
  })
  source!: 'plan' | 'defaults';

  @ApiProperty({ description: 'Requests per second of a customer, all its keys together.', example: 30 })
  burst!: number;

  @ApiProperty({ description: 'Requests per minute of a customer, all its keys together.', example: 600 })
  perMinute!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Requests per second of each key; null: none.' })
  keyBurst!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Requests per minute of each key; null: none.' })
  keyPerMinute!: number | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-01-01T00:00:00.000Z' })
  updatedAt!: string | null;
}
