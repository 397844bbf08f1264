import { Injectable } from '@nestjs/common';
import { Prisma } from '@app/database';
import type { Purchase } from '@app/database';
import type { CartObject, TarifDetailsObject } from '@app/streamskill';
import { GatewayConfig } from '../../config/gateway-config';
import { LEDGER_TRANSACTION_OPTIONS, LedgerService } from '../../ledger/ledger.service';
import type { Quote } from '../../pricing/quote';
import { TenantPrisma } from '../../tenancy/tenant-prisma.service';
import { CustomerMoneyQueue } from '../customer-money-queue';
import { requestActor } from '../purchase-actor';
import { holdAmountFor } from './hold-amount';
import { serviceOf } from './cart-object';

export interface ReservedPurchase {
  purchase: Purchase;
  holdId: bigint;
}

/**
 * Step one of a create, in one transaction: the purchase row (`pending`) and a hold of the quote plus
 * the margin (the ledger locks the balance and refuses with 402 past the credit limit). Nothing is
 * sent upstream before this commits, so a crash leaves a pending purchase the reconciler settles.
 */
@Injectable()
export class ReserveCreateFunds {
  constructor(
    private readonly tenant: TenantPrisma,
    private readonly ledger: LedgerService,
    private readonly config: GatewayConfig,
    private readonly queue: CustomerMoneyQueue,
  ) {}

  async execute(customerId: string, cart: CartObject, quote: Quote): Promise<ReservedPurchase> {
    const amount = holdAmountFor(quote.price, this.config.purchases.holdMarginPercent);
    return this.queue.run(customerId, () => this.reserve(customerId, cart, quote, amount));
  }

  private reserve(customerId: string, cart: CartObject, quote: Quote, amount: Prisma.Decimal) {
    const details = quote.tarif.details as unknown as TarifDetailsObject;
    return this.tenant.client.$transaction(async (tx) => {
      const purchase = await tx.purchase.create({
        data: {
          customerId,
          tarifId: cart.tarif.id,
          cart: cart as unknown as Prisma.InputJsonObject,
          billingState: 'pending',
          quotedPrice: quote.price,
          currency: quote.currency,
          markupPercent: quote.markupPercent,
          channel: cart.channel,
          orderType: typeof details?.type === 'string' ? details.type : null,
          service: serviceOf(details),
          api: true,
          parent: false,
          settleDeadline: this.crashSafeDeadline(),
        },
      });
      const { holdId } = await this.ledger.placeHold(tx, {
        customerId,
        amount,
        purchaseId: purchase.id,
        purpose: 'create',
        actor: requestActor(),
      });
      return { purchase, holdId };
    }, LEDGER_TRANSACTION_OPTIONS);
  }

  /**
   * Set from the start so that a purchase whose process dies mid-call is still settled. The reconciler
   * leaves purchases alone while their upstream call may be running; the create flow sets the real
   * deadline (or clears it) once it knows the outcome.
   */
  private crashSafeDeadline(): Date {
    const { writeTimeoutMs } = this.config.streamSkill;
    return new Date(Date.now() + writeTimeoutMs + this.config.purchases.settleDeadlineMs);
  }
}
