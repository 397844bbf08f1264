import { Injectable, Logger } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { upstreamPurchaseFields } from '../upstream/upstream-purchase-fields';
import { UpstreamPurchases, type UpstreamPurchase } from '../upstream/upstream-purchases';

/** Not worth delaying the action's answer for an upstream token: the status sync catches up. */
const NO_WAIT = { budgetWaitMs: 0 };

export interface LinkedPurchase {
  id: number;
  upstreamId: number;
}

/**
 * After an action succeeds, reads the purchases back from StreamSkill so that the gateway's own reads
 * show the new status or channel at once. Best effort: if the read fails, the status sync catches up.
 */
@Injectable()
export class PurchaseRefresher {
  private readonly logger = new Logger(PurchaseRefresher.name);

  constructor(
    private readonly upstream: UpstreamPurchases,
    private readonly prisma: PrismaService,
  ) {}

  async refresh(purchases: readonly LinkedPurchase[]): Promise<void> {
    if (purchases.length === 0) return;
    try {
      const found =
        purchases.length === 1
          ? [await this.upstream.get(purchases[0].upstreamId, NO_WAIT)]
          : (
              await this.upstream.getMany(
                purchases.map((p) => p.upstreamId),
                NO_WAIT,
              )
            ).items;
      await Promise.all(found.map((upstream) => this.store(purchases, upstream as UpstreamPurchase)));
    } catch (error) {
      this.logger.debug(`Refreshing purchases after an action failed: ${(error as Error).message}`);
    }
  }

  private async store(purchases: readonly LinkedPurchase[], upstream: UpstreamPurchase): Promise<void> {
    const purchase = purchases.find((p) => p.upstreamId === upstream.id);
    if (!purchase) return;
    await this.prisma.purchase.updateMany({
      where: { id: purchase.id, upstreamId: upstream.id },
      data: upstreamPurchaseFields(upstream),
    });
  }
}
