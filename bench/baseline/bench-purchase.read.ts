import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { GatewayConfig } from '../../apps/gateway/src/config/gateway-config';
import { purchaseNotFound } from '../../apps/gateway/src/purchases/dto/request-params';
import {
  toPurchase,
  VISIBLE_PURCHASES_BY_ID,
  type PurchaseRow,
} from '../../apps/gateway/src/purchases/purchase-row';
import { compatiblePurchase } from '../../apps/gateway/src/purchases/view/compatible-purchase';
import { TenantRowBatch } from '../../apps/gateway/src/tenancy/tenant-row-batch';

const NO_EXPAND = new Set<never>();

/**
 * The same single-row read (the same statement, batched the same way, on the same pool) and the same
 * JSON as GET /v1/purchases/:id, minus everything around it: the customer comes from a header.
 */
@Injectable()
export class BenchPurchaseRead {
  private readonly batch: TenantRowBatch<PurchaseRow>;

  constructor(
    prisma: PrismaService,
    private readonly config: GatewayConfig,
  ) {
    this.batch = new TenantRowBatch(prisma, VISIBLE_PURCHASES_BY_ID);
  }

  async one(customerId: string, id: number) {
    const row = await this.batch.read(customerId, id);
    if (!row) throw purchaseNotFound();
    return compatiblePurchase(toPurchase(row), { currency: this.config.currency, expand: NO_EXPAND });
  }
}
