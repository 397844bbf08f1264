import { Injectable } from '@nestjs/common';
import type { Language, TarifDetailsObject } from '@app/streamskill';
import { PricingService } from '../pricing/pricing.service';
import { RequestContext } from '../tenancy/request-context';
import { CatalogStore, detailsIn } from './catalog-store';
import { tarifNotFound } from './tarif-id';

/** The catalog as the current customer sees it: enabled tariffs at its prices, from the cache only. */
@Injectable()
export class CustomerCatalogService {
  constructor(
    private readonly store: CatalogStore,
    private readonly pricing: PricingService,
  ) {}

  async list(language: Language): Promise<TarifDetailsObject[]> {
    const customerMarkup = await this.pricing.customerMarkup(RequestContext.tenantId());
    const tariffs = await this.store.list({ enabled: true });
    return tariffs.map((tarif) =>
      this.pricing.pricedDetails(detailsIn(tarif, language), this.pricing.markupFor(customerMarkup, tarif)),
    );
  }

  async get(id: number, language: Language): Promise<TarifDetailsObject> {
    const tarif = await this.store.findEnabled(id);
    if (!tarif) throw tarifNotFound();
    const customerMarkup = await this.pricing.customerMarkup(RequestContext.tenantId());
    return this.pricing.pricedDetails(
      detailsIn(tarif, language),
      this.pricing.markupFor(customerMarkup, tarif),
    );
  }
}
