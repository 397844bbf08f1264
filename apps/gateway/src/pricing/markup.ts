import { Prisma } from '@app/database';

type Percent = Prisma.Decimal | null;

/** The customer's own markup, else the tariff's default, else the gateway's. */
export function effectiveMarkup(customer: Percent, tarif: Percent, fallback: Prisma.Decimal): Prisma.Decimal {
  return customer ?? tarif ?? fallback;
}

/** `amount * (1 + percent / 100)`, rounded half-up to cents: the one rounding of a customer price. */
export function applyMarkup(
  amount: Prisma.Decimal | string,
  percent: Prisma.Decimal | string,
): Prisma.Decimal {
  const factor = new Prisma.Decimal(percent).div(100).plus(1);
  return new Prisma.Decimal(amount).mul(factor).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);
}
