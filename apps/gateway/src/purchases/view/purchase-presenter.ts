import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import type { CatalogTarif, Purchase } from '@app/database';
import type { Language, PurchaseExpand } from '@app/streamskill';
import { detailsIn } from '../../catalog/catalog-store';
import { GatewayConfig } from '../../config/gateway-config';
import { PricingService } from '../../pricing/pricing.service';
import { compatiblePurchase, type CompatiblePurchase } from './compatible-purchase';
import { expandedParts } from './expanded-parts';

export interface PresentOptions {
  expand: ReadonlySet<PurchaseExpand>;
  language?: Language;
}

/** Turns purchase rows into StreamSkill's PurchaseObject, loading what `expand` needs in one query. */
@Injectable()
export class PurchasePresenter {
  constructor(
    private readonly prisma: PrismaService,
    private readonly pricing: PricingService,
    private readonly config: GatewayConfig,
  ) {}

  async one(purchase: Purchase, options: PresentOptions): Promise<CompatiblePurchase> {
    const [view] = await this.many([purchase], options);
    return view;
  }

  async many(purchases: readonly Purchase[], options: PresentOptions): Promise<CompatiblePurchase[]> {
    const tarifs = options.expand.has('tarif')
      ? await this.catalogOf(purchases)
      : new Map<number, CatalogTarif>();
    const language = options.language ?? this.config.streamSkill.language;
    return purchases.map((purchase) => {
      const tarif = tarifs.get(purchase.tarifId);
      const expanded =
        options.expand.size === 0
          ? undefined
          : expandedParts(purchase, options.expand, {
              tarif: tarif ? detailsIn(tarif, language) : null,
              toCustomerPrices: (details) => this.pricing.pricedDetails(details, purchase.markupPercent),
            });
      return compatiblePurchase(purchase, {
        currency: this.config.currency,
        expand: options.expand,
        expanded,
      });
    });
  }

  private async catalogOf(purchases: readonly Purchase[]): Promise<Map<number, CatalogTarif>> {
    const ids = [...new Set(purchases.map((purchase) => purchase.tarifId))];
    const rows = ids.length ? await this.prisma.catalogTarif.findMany({ where: { id: { in: ids } } }) : [];
    return new Map(rows.map((row) => [row.id, row]));
  }
}
