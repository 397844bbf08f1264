import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { GatewayConfig } from '../../apps/gateway/src/config/gateway-config';
import { purchaseNotFound } from '../../apps/gateway/src/purchases/dto/request-params';
import {
  toPurchase,
  VISIBLE_PURCHASE_BY_ID,
  type PurchaseRow,
} from '../../apps/gateway/src/purchases/purchase-row';
import { compatiblePurchase } from '../../apps/gateway/src/purchases/view/compatible-purchase';

const NO_EXPAND = new Set<never>();

/**
 * The same single-row read (the same statement on the same pool) and the same JSON as
 * GET /v1/purchases/:id, minus everything around it: the customer comes from a header.
 */
@Injectable()
export class BenchPurchaseRead {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: GatewayConfig,
  ) {}

  async one(customerId: string, id: number) {
    const rows = await this.prisma.run<PurchaseRow>(VISIBLE_PURCHASE_BY_ID, [customerId, id]);
    if (!rows[0]) throw purchaseNotFound();
    return compatiblePurchase(toPurchase(rows[0]), { currency: this.config.currency, expand: NO_EXPAND });
  }
}
