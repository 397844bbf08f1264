import { Injectable, Logger } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import type { Purchase } from '@app/database';
import type { StreamSkillError } from '@app/streamskill';
import { GatewayConfig } from '../../config/gateway-config';
import { HoldAlreadySettledError } from '../../ledger/hold-book';
import { LedgerService } from '../../ledger/ledger.service';
import type { SqlTransaction } from '../../ledger/sql-transaction';
import { SqlTransactions } from '../../ledger/sql-transactions';
import { PricingService } from '../../pricing/pricing.service';
import { CustomerMoneyQueue } from '../customer-money-queue';
import { requestActor } from '../purchase-actor';
import { errorJson } from '../upstream/error-json';
import { upstreamPriceOf } from '../upstream/upstream-purchase-fields';
import type { UpstreamPurchase } from '../upstream/upstream-purchases';
import {
  chargedPurchaseValues,
  MARK_PURCHASE_CHARGED,
  MARK_PURCHASE_REJECTED,
} from './create-purchase-statements';
import type { ReservedPurchase } from './reserve-create-funds';

/**
 * Step three of a create: money follows what StreamSkill said, exactly once. Each outcome is one
 * transaction guarded by the hold (settled once by the ledger), so a reconciler or admin that settled
 * the purchase first wins and this step just reads the result.
 */
@Injectable()
export class SettleCreateOutcome {
  private readonly logger = new Logger(SettleCreateOutcome.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: SqlTransactions,
    private readonly ledger: LedgerService,
    private readonly pricing: PricingService,
    private readonly config: GatewayConfig,
    private readonly queue: CustomerMoneyQueue,
  ) {}

  /** 200: charge the customer's price of what upstream charged, release the rest, link the purchase. */
  async created({ purchase, holdId }: ReservedPurchase, upstream: UpstreamPurchase): Promise<Purchase> {
    const upstreamPrice = upstreamPriceOf(upstream);
    // An answer without a usable price still bought the purchase: charge the quote, which the hold covers.
    const price = upstreamPrice
      ? this.pricing.customerPrice(upstreamPrice, purchase.markupPercent)
      : purchase.quotedPrice;
    try {
      return await this.inMoneyTransaction(purchase.customerId, async (tx) => {
        const split = await this.ledger.captureHold(tx, {
          holdId,
          customerId: purchase.customerId,
          amount: price,
          actor: requestActor(),
          purchaseId: purchase.id,
        });
        const lastError = split.shortfall.isZero()
          ? null
          : { kind: 'capture_shortfall', shortfall: split.shortfall.toFixed(2) };
        const values = chargedPurchaseValues(purchase.id, upstream, {
          upstreamPrice,
          price: split.captured,
          lastError,
        });
        const [charged] = await tx.queryAndCommit<Purchase>(MARK_PURCHASE_CHARGED, values);
        return charged;
      });
    } catch (error) {
      if (error instanceof HoldAlreadySettledError) return this.current(purchase.id);
      // Bought upstream but not recorded: leave it to the reconciler with everything it needs to link it.
      this.logger.error({ err: error, purchaseId: purchase.id }, 'Recording a created purchase failed');
      return this.leavePending(purchase.id, {
        kind: 'settle_failed',
        upstreamId: upstream.id,
        upstreamPrice: upstreamPrice?.toString() ?? null,
      });
    }
  }

  /** A definite refusal: nothing was bought, the hold goes back in full. */
  async rejected({ purchase, holdId }: ReservedPurchase, error: StreamSkillError): Promise<void> {
    try {
      await this.inMoneyTransaction(purchase.customerId, async (tx) => {
        await this.ledger.releaseHold(tx, {
          holdId,
          customerId: purchase.customerId,
          actor: requestActor(),
          reason: `StreamSkill refused the purchase (${error.status ?? error.kind})`,
        });
        await tx.queryAndCommit(MARK_PURCHASE_REJECTED, [purchase.id, errorJson(error)]);
      });
    } catch (failure) {
      if (failure instanceof HoldAlreadySettledError) return;
      // The reconciler finds nothing upstream and releases the hold at the deadline.
      this.logger.error({ err: failure, purchaseId: purchase.id }, 'Recording a rejected purchase failed');
      await this.leavePending(purchase.id, errorJson(error));
    }
  }

  /** Unknown outcome: the hold stays, and the reconciler settles the purchase by the deadline. */
  async unknown({ purchase }: ReservedPurchase, error: StreamSkillError): Promise<Purchase> {
    return this.leavePending(purchase.id, errorJson(error));
  }

  /** Plain `pg` on Prisma's pool: a third of the CPU of the same statements through Prisma. */
  private inMoneyTransaction<T>(customerId: string, work: (tx: SqlTransaction) => Promise<T>) {
    return this.queue.run(customerId, () => this.transactions.run(work));
  }

  private async leavePending(id: number, lastError: Prisma.InputJsonObject): Promise<Purchase> {
    const settleDeadline = new Date(Date.now() + this.config.purchases.settleDeadlineMs);
    await this.prisma.purchase.updateMany({
      where: { id, billingState: 'pending' },
      data: { settleDeadline, lastError },
    });
    return this.current(id);
  }

  private current(id: number): Promise<Purchase> {
    return this.prisma.purchase.findUniqueOrThrow({ where: { id } });
  }
}
