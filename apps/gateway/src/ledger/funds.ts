import { Prisma } from '@app/database';
import { toMoneyString } from '@app/common';
import { GatewayError } from '../errors/gateway-error';

type Decimal = Prisma.Decimal;

/** The largest single movement the ledger accepts (the columns hold up to 10^16). */
export const MAX_MOVEMENT = new Prisma.Decimal('1000000000000');

export interface Funds {
  total: Decimal;
  held: Decimal;
  creditLimit: Decimal;
}

export function availableOf(funds: { total: Decimal; held: Decimal }): Decimal {
  return funds.total.minus(funds.held);
}

/** How much more may leave `available` before it would pass -creditLimit. */
export function spendingRoom(funds: Funds): Decimal {
  return availableOf(funds).plus(funds.creditLimit);
}

/** 402 unless taking `amount` out of available keeps it at or above -creditLimit. */
export function assertCanSpend(funds: Funds, amount: Decimal): void {
  if (amount.lte(spendingRoom(funds))) return;
  throw new GatewayError(
    402,
    'insufficient_funds',
    `Insufficient funds: available ${toMoneyString(availableOf(funds))} ` +
      `(credit limit ${toMoneyString(funds.creditLimit)}), needed ${toMoneyString(amount)}.`,
  );
}

export interface CaptureSplit {
  /** What the customer is charged. */
  captured: Decimal;
  /** The part of the hold given back to available. */
  released: Decimal;
  /** What was asked beyond the hold but could not be charged without passing the credit limit. */
  shortfall: Decimal;
}

/**
 * A capture settles a hold that is already spent upstream, so it never fails: up to the hold it always
 * fits, and beyond the hold it charges as much as the credit limit allows and reports the rest.
 */
export function splitCapture(funds: Funds, holdAmount: Decimal, requested: Decimal): CaptureSplit {
  const chargeable = spendingRoom(funds).plus(holdAmount);
  const captured = Prisma.Decimal.min(requested, Prisma.Decimal.max(chargeable, holdAmount));
  return {
    captured,
    released: Prisma.Decimal.max(holdAmount.minus(captured), 0),
    shortfall: requested.minus(captured),
  };
}

/** A programming error: amounts reach the ledger already validated and rounded to cents. */
export class InvalidAmountError extends Error {
  constructor(amount: Decimal, rule: string) {
    super(`Ledger amount ${amount.toString()} is invalid: ${rule}`);
    this.name = 'InvalidAmountError';
  }
}

export function assertMovementAmount(amount: Decimal, { allowZero = false } = {}): void {
  if (!amount.isFinite()) throw new InvalidAmountError(amount, 'not a finite number');
  if (amount.decimalPlaces() > 2) throw new InvalidAmountError(amount, 'more than 2 decimals');
  if (allowZero ? amount.isNegative() : amount.lte(0)) {
    throw new InvalidAmountError(amount, allowZero ? 'negative' : 'not positive');
  }
  if (amount.gt(MAX_MOVEMENT)) throw new InvalidAmountError(amount, `above ${MAX_MOVEMENT.toString()}`);
}
