import { Injectable } from '@nestjs/common';
import type { Prisma, Purchase } from '@app/database';
import type { CartObject, TarifDetailsObject } from '@app/streamskill';
import { GatewayConfig } from '../../config/gateway-config';
import { IdempotentExecution } from '../../idempotency/idempotent-execution';
import { LedgerService } from '../../ledger/ledger.service';
import { SqlTransactions } from '../../ledger/sql-transactions';
import { RequestContext } from '../../tenancy/request-context';
import { CustomerMoneyQueue } from '../customer-money-queue';
import { requestActor } from '../purchase-actor';
import { INSERT_PENDING_PURCHASE, pendingPurchaseValues } from './create-purchase-statements';
import { holdAmountFor } from './hold-amount';
import type { CreateQuote } from './quote-create';
import { serviceOf } from './cart-object';

/** What a create commits, as its Idempotency-Key record keeps it: `purchase:<id>`. */
export const COMMITTED_PURCHASE = 'purchase:';

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
    private readonly transactions: SqlTransactions,
    private readonly ledger: LedgerService,
    private readonly config: GatewayConfig,
    private readonly queue: CustomerMoneyQueue,
  ) {}

  async execute(customerId: string, cart: CartObject, quoted: CreateQuote): Promise<ReservedPurchase> {
    // The purchase is customer-owned: it is written for the request's tenant, never another customer.
    if (customerId !== RequestContext.tenantId())
      throw new Error('A create reserves for its own tenant only');
    const amount = holdAmountFor(quoted.quote.price, this.config.purchases.holdMarginPercent);
    return this.queue.run(customerId, () => this.reserve(customerId, cart, quoted, amount));
  }

  /**
   * Plain `pg` on Prisma's pool: a third of the CPU of the same statements through Prisma. Three round
   * trips: [BEGIN, purchase, balance lock, key record], [hold, balance and entry], COMMIT. COMMIT has
   * one of its own: it may only follow once the hold's statement and the key record are checked.
   */
  private reserve(
    customerId: string,
    cart: CartObject,
    { quote, purchaseId }: CreateQuote,
    amount: Prisma.Decimal,
  ) {
    const details = quote.tarif.details as unknown as TarifDetailsObject;
    const columns = {
      orderType: typeof details?.type === 'string' ? details.type : null,
      service: serviceOf(details),
      settleDeadline: this.crashSafeDeadline(),
    };
    return this.transactions.run(async (tx) => {
      // Sent with the ledger's balance lock, just before it: neither needs the other's result.
      const inserting = tx.queryWithNext<Purchase>(
        INSERT_PENDING_PURCHASE,
        pendingPurchaseValues(purchaseId, customerId, cart, quote, columns),
      );
      // With the purchase, atomically: a retry after a crash answers this purchase, never buys again.
      // Sent just after the balance lock, in its message: a request blocked on that lock must not hold
      // the key's row meanwhile, and checks its claim (409 once a retry took the key over) only after
      // the wait. Should it reach the transaction later, it travels with the hold, or fails unsent.
      const recording = IdempotentExecution.recordCommitted(
        `${COMMITTED_PURCHASE}${purchaseId}`,
        tx.withNext('after'),
      );
      // Awaited after the hold: handled now, for a hold refused (402) before that.
      recording.catch(() => undefined);
      const { holdId } = await this.ledger.placeHold(tx, {
        customerId,
        amount,
        purchaseId,
        purpose: 'create',
        actor: requestActor(),
      });
      const [purchase] = await inserting;
      await recording;
      return { purchase, holdId };
    });
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
