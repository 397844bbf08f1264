import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { toMoneyString } from '@app/common';
import type { LedgerEntry } from '@app/database';

/** A ledger entry as a customer sees it. */
export class LedgerEntryView {
  @ApiProperty({ example: '1042' })
  id!: string;

  @ApiProperty({ enum: ['credit', 'debit', 'hold', 'capture', 'release', 'refund'] })
  type!: string;

  @ApiProperty({ example: '12.50', description: 'The magnitude of the movement.' })
  amount!: string;

  @ApiProperty({ example: '100.00', description: 'total after this entry.' })
  balanceAfter!: string;

  @ApiProperty({ example: '12.50', description: 'held after this entry.' })
  heldAfter!: string;

  @ApiProperty({ example: '87.50', description: 'balanceAfter - heldAfter.' })
  available!: string;

  @ApiPropertyOptional({ type: Number, nullable: true })
  purchaseId!: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ example: '2026-11-25T12:00:00.000Z' })
  createdAt!: string;
}

/** What admins see in addition: who moved the money and why. */
export class AdminLedgerEntryView extends LedgerEntryView {
  @ApiProperty()
  customerId!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  holdId!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'e.g. the Idempotency-Key.' })
  reference!: string | null;

  @ApiProperty({
    description: 'Who moved the money: an admin key, a customer key, or a background job.',
    type: 'object',
    properties: {
      type: { type: 'string', enum: ['admin', 'key', 'job'] },
      id: { type: 'string', nullable: true },
    },
    example: { type: 'admin', id: 'key id' },
  })
  actor!: { type: string; id: string | null };
}

export function ledgerEntryView(entry: LedgerEntry): LedgerEntryView {
  return {
    id: entry.id.toString(),
    type: entry.type,
    amount: toMoneyString(entry.amount),
    balanceAfter: toMoneyString(entry.totalAfter),
    heldAfter: toMoneyString(entry.heldAfter),
    available: toMoneyString(entry.totalAfter.minus(entry.heldAfter)),
    purchaseId: entry.purchaseId,
    reason: entry.reason,
    createdAt: entry.createdAt.toISOString(),
  };
}

export function adminLedgerEntryView(entry: LedgerEntry): AdminLedgerEntryView {
  return {
    ...ledgerEntryView(entry),
    customerId: entry.customerId,
    holdId: entry.holdId === null ? null : entry.holdId.toString(),
    reference: entry.reference,
    actor: { type: entry.actorType, id: entry.actorId },
  };
}
