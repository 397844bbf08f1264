import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import type { CatalogTarif } from '@app/database';
import { quoteTarif, type CartObject, type TarifDetailsObject } from '@app/streamskill';
import { CatalogStore } from '../catalog/catalog-store';
import { GatewayConfig } from '../config/gateway-config';
import { GatewayError, validationFailed } from '../errors/gateway-error';
import { cartProblems, isCatalogId } from './cart-rules';
import { applyMarkup, effectiveMarkup } from './markup';
import type { Quote } from './quote';

type Percent = Prisma.Decimal | null;

/**
 * The gateway's prices: StreamSkill's own formula on the cached tariff (shared with the sandbox through
 * @app/streamskill), then the customer's markup. Never calls upstream.
 */
@Injectable()
export class PricingService {
  private readonly defaultMarkup: Prisma.Decimal;

  constructor(
    private readonly prisma: PrismaService,
    private readonly catalog: CatalogStore,
    private readonly config: GatewayConfig,
  ) {
    this.defaultMarkup = new Prisma.Decimal(config.pricing.defaultMarkupPercent);
  }

  /**
   * Prices a cart that passed CartDto validation. A tariff that is not resold, or a cart the tariff
   * rules out, is StreamSkill's 422 with per-field errors.
   */
  async quote(customerId: string, cart: CartObject): Promise<Quote> {
    const tarif = isCatalogId(cart.tarif.id) ? await this.catalog.find(cart.tarif.id) : null;
    this.assertSellable(tarif, cart);
    return this.priceCart(tarif, cart, await this.customerMarkup(customerId));
  }

  /** The cart's 422 (per-field errors) when the tariff is not resold or rules the cart out. */
  assertSellable(tarif: CatalogTarif | null, cart: CartObject): asserts tarif is CatalogTarif {
    const problems = cartProblems(tarif, cart);
    if (!tarif || Object.keys(problems).length > 0) throw validationFailed(problems);
  }

  /** The quote of a cart that passed `assertSellable`, for a customer whose markup was read already. */
  priceCart(tarif: CatalogTarif, cart: CartObject, customerMarkup: Percent): Quote {
    const markupPercent = this.markupFor(customerMarkup, tarif);
    const details = tarif.details as unknown as TarifDetailsObject;
    const upstreamCost = new Prisma.Decimal(quoteTarif(details, cart.tarif).toFixed(2));
    return {
      price: this.customerPrice(upstreamCost, markupPercent),
      upstreamCost,
      markupPercent,
      currency: this.config.currency,
      tarif,
    };
  }

  /** What the customer pays for an upstream price (e.g. what StreamSkill actually charged). */
  customerPrice(
    upstreamPrice: Prisma.Decimal | string,
    markupPercent: Prisma.Decimal | string,
  ): Prisma.Decimal {
    return applyMarkup(upstreamPrice, markupPercent);
  }

  /** The customer's own markup (null: none set). */
  async customerMarkup(customerId: string): Promise<Percent> {
    const customer = await this.prisma.customer.findUnique({
      where: { id: customerId },
      select: { markupPercent: true },
    });
    if (!customer) throw customerNotFound();
    return customer.markupPercent;
  }

  /** The markup a customer pays on a tariff: theirs, else the tariff's, else GATEWAY_DEFAULT_MARKUP_PERCENT. */
  markupFor(customerMarkup: Percent, tarif: Pick<CatalogTarif, 'markupPercent'>): Prisma.Decimal {
    return effectiveMarkup(customerMarkup, tarif.markupPercent, this.defaultMarkup);
  }

  /** StreamSkill's tariff shape with `price` and `graduated_prices` at the customer's prices. */
  pricedDetails(details: TarifDetailsObject, markupPercent: Prisma.Decimal): TarifDetailsObject {
    const toCustomer = (upstream: number) => this.customerPrice(String(upstream), markupPercent).toNumber();
    const tiers = details.graduated_prices;
    return {
      ...details,
      price: toCustomer(details.price),
      graduated_prices: tiers
        ? Object.fromEntries(
            Object.entries(tiers).map(([threshold, price]) => [threshold, toCustomer(price)]),
          )
        : tiers,
    };
  }
}

export function customerNotFound(): GatewayError {
  return new GatewayError(404, 'not_found_http_exception', 'Customer not found.');
}
