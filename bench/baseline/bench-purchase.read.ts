import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { GatewayConfig } from '../../apps/gateway/src/config/gateway-config';
import { purchaseNotFound } from '../../apps/gateway/src/purchases/dto/request-params';
import { compatiblePurchase } from '../../apps/gateway/src/purchases/view/compatible-purchase';
import { VISIBLE_PURCHASE } from '../../apps/gateway/src/purchases/view/purchase-display';

const NO_EXPAND = new Set<never>();

/** The same single-row read and the same JSON as GET /v1/purchases/:id, minus everything around it. */
@Injectable()
export class BenchPurchaseRead {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: GatewayConfig,
  ) {}

  async one(customerId: string, id: number) {
    const purchase = await this.prisma.purchase.findFirst({ where: { id, customerId, ...VISIBLE_PURCHASE } });
    if (!purchase) throw purchaseNotFound();
    return compatiblePurchase(purchase, { currency: this.config.currency, expand: NO_EXPAND });
  }
}
