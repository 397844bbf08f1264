import type { CatalogTarif, Prisma } from '@app/database';
import type { Currency } from '../config/gateway-config';

/** The price of one cart for one customer. */
export interface Quote {
  /** What the customer pays: the upstream cost with the markup, rounded half-up to cents. */
  price: Prisma.Decimal;
  /** What StreamSkill should charge for the cart (its own formula, 2 decimals). */
  upstreamCost: Prisma.Decimal;
  markupPercent: Prisma.Decimal;
  currency: Currency;
  tarif: CatalogTarif;
}
