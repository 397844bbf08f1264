import { Prisma } from '@app/database';

const SMALLEST_HOLD = new Prisma.Decimal('0.01');

/**
 * What to hold for a quoted price: the quote plus the safety margin, rounded up to the cent, so that
 * a slightly higher authoritative price upstream is still covered. Never zero: a hold reserves something.
 */
export function holdAmountFor(quotedPrice: Prisma.Decimal, marginPercent: number): Prisma.Decimal {
  const withMargin = quotedPrice.mul(new Prisma.Decimal(100).plus(marginPercent)).div(100);
  return Prisma.Decimal.max(withMargin.toDecimalPlaces(2, Prisma.Decimal.ROUND_UP), SMALLEST_HOLD);
}
