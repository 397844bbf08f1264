import { Injectable } from '@nestjs/common';
import { namedStatement, Prisma, PrismaService } from '@app/database';
import type { CatalogTarif } from '@app/database';
import type { CartObject } from '@app/streamskill';
import { customerNotFound, PricingService } from '../../pricing/pricing.service';
import { isCatalogId } from '../../pricing/cart-rules';
import type { Quote } from '../../pricing/quote';

/**
 * The tariff and the customer's markup in one row; the tariff's columns are null when it is not cached.
 * Also the id of the purchase to come, from its sequence as the INSERT's default would take it (an id
 * whose create fails is skipped, as one whose transaction rolls back always was).
 */
const TARIF_AND_MARKUP = namedStatement(`
  SELECT nextval(pg_get_serial_sequence('purchases', 'id'))::integer AS "purchaseId",
    c.id IS NOT NULL AS "customerFound", c.markup_percent AS "customerMarkup",
    t.id, t.enabled, t.markup_percent AS "markupPercent", t.supports_duration AS "supportsDuration", t.details,
    t.details_ru AS "detailsRu", t.fetched_at AS "fetchedAt", t.created_at AT TIME ZONE 'UTC' AS "createdAt",
    t.updated_at AT TIME ZONE 'UTC' AS "updatedAt"
  FROM (SELECT 1) AS one
  LEFT JOIN customers c ON c.id = $1::uuid
  LEFT JOIN catalog_tarifs t ON t.id = $2::integer`);

type Row = Omit<CatalogTarif, 'markupPercent' | 'id'> & {
  purchaseId: number;
  id: number | null;
  customerFound: boolean;
  customerMarkup: string | null;
  markupPercent: string | null;
};

/** A create's quote, and the id its purchase is inserted with. */
export interface CreateQuote {
  quote: Quote;
  /**
   * Known before the reserve transaction starts, so that its statements that name the purchase (the
   * hold, the Idempotency-Key record) need not wait for the INSERT's answer: the INSERT and the key
   * record travel in the message of the balance lock instead of a round trip each.
   */
  purchaseId: number;
}

/**
 * PricingService.quote for the create path: the same rules and prices, from one plain-SQL read
 * instead of two Prisma queries (a create's CPU is mostly its round trips, see bench/README.md).
 */
@Injectable()
export class QuoteCreate {
  constructor(
    private readonly prisma: PrismaService,
    private readonly pricing: PricingService,
  ) {}

  async execute(customerId: string, cart: CartObject): Promise<CreateQuote> {
    const tarifId = isCatalogId(cart.tarif.id) ? cart.tarif.id : null;
    const rows = await this.prisma.run<Row>(TARIF_AND_MARKUP, [customerId, tarifId]);
    const { purchaseId, customerFound, customerMarkup, ...tarif } = rows[0];
    const cached = tarif.id === null ? null : toCatalogTarif({ ...tarif, id: tarif.id });
    this.pricing.assertSellable(cached, cart);
    if (!customerFound) throw customerNotFound();
    return { quote: this.pricing.priceCart(cached, cart, decimalOrNull(customerMarkup)), purchaseId };
  }
}

function toCatalogTarif(
  row: Omit<Row, 'purchaseId' | 'customerFound' | 'customerMarkup'> & { id: number },
): CatalogTarif {
  return { ...row, markupPercent: decimalOrNull(row.markupPercent) };
}

function decimalOrNull(value: string | null): Prisma.Decimal | null {
  return value === null ? null : new Prisma.Decimal(value);
}
