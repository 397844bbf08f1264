import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import type { LedgerEntry } from '@app/database';
import { customerNotFound } from './balance-book';
import { CaptureHold, CaptureHoldInput } from './capture-hold';
import { AdjustBalanceInput, CreditBalance } from './credit-balance';
import { DebitBalance } from './debit-balance';
import type { CaptureSplit } from './funds';
import { availableOf } from './funds';
import { PlaceHold, PlaceHoldInput } from './place-hold';
import { RefundPurchase, RefundPurchaseInput } from './refund-purchase';
import { ReleaseHold, ReleaseHoldInput } from './release-hold';
import type { BalanceSnapshot, Tx } from './ledger.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For callers that open the transaction around a ledger operation: queues of them must not time out. */
export const LEDGER_TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 30_000 } as const;

/**
 * Every movement of a customer's money. Each operation takes the caller's transaction, so that the
 * money and the caller's own rows (a purchase, its state) change together or not at all.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly placeHoldOp: PlaceHold,
    private readonly captureHoldOp: CaptureHold,
    private readonly releaseHoldOp: ReleaseHold,
    private readonly refundOp: RefundPurchase,
    private readonly creditOp: CreditBalance,
    private readonly debitOp: DebitBalance,
  ) {}

  /** GatewayError 402 `insufficient_funds` when the hold would take available below -creditLimit. */
  placeHold(tx: Tx, input: PlaceHoldInput): Promise<{ holdId: bigint }> {
    return this.placeHoldOp.execute(tx, input);
  }

  /** Never refused for lack of funds (see CaptureHold); HoldAlreadySettledError on a settled hold. */
  captureHold(tx: Tx, input: CaptureHoldInput): Promise<CaptureSplit> {
    return this.captureHoldOp.execute(tx, input);
  }

  /** HoldAlreadySettledError on a settled hold. */
  releaseHold(tx: Tx, input: ReleaseHoldInput): Promise<void> {
    return this.releaseHoldOp.execute(tx, input);
  }

  /** GatewayError 409 `refund_exceeds_charge` beyond what the purchase was charged. */
  refund(tx: Tx, input: RefundPurchaseInput): Promise<void> {
    return this.refundOp.execute(tx, input);
  }

  credit(tx: Tx, input: AdjustBalanceInput): Promise<LedgerEntry> {
    return this.creditOp.execute(tx, input);
  }

  /** GatewayError 402 `insufficient_funds` when it would take available below -creditLimit. */
  debit(tx: Tx, input: AdjustBalanceInput): Promise<LedgerEntry> {
    return this.debitOp.execute(tx, input);
  }

  /** A customer without a balance row yet has a balance of zero. GatewayError 404 for no such customer. */
  async balanceOf(customerId: string): Promise<BalanceSnapshot> {
    const customer = UUID.test(customerId)
      ? await this.prisma.customer.findUnique({
          where: { id: customerId },
          select: { creditLimit: true, balance: { select: { total: true, held: true } } },
        })
      : null;
    if (!customer) throw customerNotFound();
    const total = customer.balance?.total ?? new Prisma.Decimal(0);
    const held = customer.balance?.held ?? new Prisma.Decimal(0);
    return { total, held, available: availableOf({ total, held }), creditLimit: customer.creditLimit };
  }
}
