import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import type { Prisma, Purchase } from '@app/database';
import { GatewayConfig } from '../config/gateway-config';
import type { UnlinkedPurchase } from './upstream-candidates';

type UnlinkedRow = Pick<
  Purchase,
  'id' | 'billingState' | 'tarifId' | 'cart' | 'channel' | 'createdAt' | 'settleDeadline' | 'lastError'
>;

/** The purchases the reconciler matches against upstream: pending, and those waiting for an admin. */
@Injectable()
export class UnlinkedPurchases {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: GatewayConfig,
  ) {}

  async load(): Promise<UnlinkedPurchase[]> {
    const rows = await this.prisma.purchase.findMany({
      where: { billingState: { in: ['pending', 'needs_review'] }, upstreamId: null },
      select: {
        id: true,
        billingState: true,
        tarifId: true,
        cart: true,
        channel: true,
        createdAt: true,
        settleDeadline: true,
        lastError: true,
      },
      orderBy: { id: 'asc' },
    });
    return rows.map((row) => this.toUnlinked(row));
  }

  private toUnlinked(row: UnlinkedRow): UnlinkedPurchase {
    const reportedUpstreamId = reportedUpstreamIdOf(row.lastError);
    return {
      id: row.id,
      billingState: row.billingState as UnlinkedPurchase['billingState'],
      tarifId: row.tarifId,
      channel: cartChannelOf(row.cart) ?? row.channel,
      createdAt: row.createdAt,
      settleDeadline: row.settleDeadline ?? this.fallbackDeadline(row.createdAt),
      ...(reportedUpstreamId === undefined ? {} : { reportedUpstreamId }),
    };
  }

  private fallbackDeadline(createdAt: Date): Date {
    const { streamSkill, purchases } = this.config;
    return new Date(createdAt.getTime() + streamSkill.writeTimeoutMs + purchases.settleDeadlineMs);
  }
}

function cartChannelOf(cart: Prisma.JsonValue): string | undefined {
  const channel = isObject(cart) ? cart.channel : undefined;
  return typeof channel === 'string' ? channel : undefined;
}

/** The create flow notes `{kind: 'settle_failed', upstreamId}` when it was answered but could not record it. */
function reportedUpstreamIdOf(lastError: Prisma.JsonValue): number | undefined {
  if (!isObject(lastError) || lastError.kind !== 'settle_failed') return undefined;
  return Number.isInteger(lastError.upstreamId) ? (lastError.upstreamId as number) : undefined;
}

function isObject(value: Prisma.JsonValue): value is Prisma.JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
