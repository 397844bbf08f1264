import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PURCHASE_STATUSES } from '@app/streamskill';

/** StreamSkill's PurchaseObject as the gateway answers it (for the OpenAPI document only). */
export class PurchaseObjectDoc {
  @ApiProperty({ example: 1, description: "The gateway's purchase id (upstream's is never shown)." })
  id!: number;
  @ApiProperty({ example: 10, description: "The customer's price (never the upstream cost)." })
  price!: number;
  @ApiProperty({ enum: ['usd', 'rub'] }) currency!: string;
  @ApiProperty({ example: 1640000000, description: 'Unix seconds.' }) created_at!: number;
  @ApiProperty({ example: 'twitch_viewers' }) order_type!: string;
  @ApiProperty({ example: 'https://www.twitch.tv/twitch' }) channel!: string;
  @ApiProperty({
    enum: PURCHASE_STATUSES,
    description: '"awaiting" while StreamSkill has not confirmed the purchase yet (202 on create).',
  })
  status!: string;
  @ApiPropertyOptional({ enum: ['twitch', 'trovo', 'kick', 'youtube'] }) service?: string;
  @ApiProperty() parent!: boolean;
  @ApiProperty() api!: boolean;
  @ApiProperty() chatbot!: boolean;
  @ApiProperty({ example: 1 }) tarif!: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'With `expand`.' })
  expanded?: Record<string, unknown>;
}

export class BulkPurchasesDoc {
  @ApiProperty({ type: [PurchaseObjectDoc] }) items!: PurchaseObjectDoc[];
  @ApiProperty({ type: [Number], example: [999] }) missing_ids!: number[];
}

export class ActionSuccessDoc {
  @ApiProperty({ example: 'ok', description: '"pending" (202) when a prolong awaits confirmation.' })
  status!: string;
}

export class BulkStopFailureDoc {
  @ApiProperty() id!: number;
  @ApiProperty({ example: 409 }) status!: number;
  @ApiProperty() message!: string;
}

export class BulkStopDoc {
  @ApiProperty({ type: [Number] }) stopped_ids!: number[];
  @ApiProperty({ type: [BulkStopFailureDoc] }) failed!: BulkStopFailureDoc[];
  @ApiProperty({ type: [Number] }) missing_ids!: number[];
}
