import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import type { Purchase } from '@app/database';
import { quoteTarif, type CartObject, type TarifDetailsObject } from '@app/streamskill';
import { GatewayError } from '../../errors/gateway-error';
import { PricingService } from '../../pricing/pricing.service';

export interface ProlongPrice {
  /** What StreamSkill should charge: the order's quantity for `count` more hours or days. */
  upstreamCost: Prisma.Decimal;
  /** The customer's price of it, at the markup the purchase was sold at. */
  price: Prisma.Decimal;
}

/**
 * Prices a prolong the way StreamSkill does (a cart of the order's quantity with duration = count),
 * from the cached tariff. Prolonging continues a sale already made, so the purchase's own markup
 * applies, and a tariff the gateway has since stopped selling can still be prolonged.
 */
@Injectable()
export class ProlongPricing {
  constructor(
    private readonly prisma: PrismaService,
    private readonly pricing: PricingService,
  ) {}

  async priceOf(purchase: Purchase, count: number): Promise<ProlongPrice> {
    const tarif = await this.prisma.catalogTarif.findUnique({ where: { id: purchase.tarifId } });
    if (!tarif) {
      throw new GatewayError(
        409,
        'tarif_unavailable',
        'The tariff of this purchase is no longer in the catalog.',
      );
    }
    const cart = purchase.cart as unknown as CartObject;
    const details = tarif.details as unknown as TarifDetailsObject;
    const upstreamCost = new Prisma.Decimal(
      quoteTarif(details, { quantity: cart.tarif?.quantity, duration: count }).toString(),
    );
    return { upstreamCost, price: this.pricing.customerPrice(upstreamCost, purchase.markupPercent) };
  }
}
