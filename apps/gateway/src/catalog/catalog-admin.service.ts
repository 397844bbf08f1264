import { Injectable } from '@nestjs/common';
import { RequestContext } from '../tenancy/request-context';
import { CatalogStore } from './catalog-store';
import { ListCatalogTarifsQuery, PutCatalogTarifDto } from './catalog-tarif.dto';
import { catalogTarifView, CatalogTarifView } from './catalog-tarif.view';
import { tarifNotFound } from './tarif-id';
import { UpstreamTarifFetcher } from './upstream-tarif.fetcher';

/** What admins do with the catalog: choose what to resell, at which default markup, and refresh it. */
@Injectable()
export class CatalogAdminService {
  constructor(
    private readonly store: CatalogStore,
    private readonly upstream: UpstreamTarifFetcher,
  ) {}

  /**
   * Fetches StreamSkill's details before storing, except to disable a tariff already cached: that
   * must work even when upstream is down or has dropped the tariff.
   */
  async put(id: number, dto: PutCatalogTarifDto): Promise<CatalogTarifView> {
    const cached = await this.store.find(id);
    const fetched = dto.enabled || !cached ? await this.upstream.fetch(id) : undefined;
    const saved = await this.store.save(id, dto, fetched);
    RequestContext.annotateAudit({
      target: String(id),
      details: { enabled: saved.enabled, markupPercent: dto.markupPercent, created: !cached },
    });
    return catalogTarifView(saved);
  }

  async list(query: ListCatalogTarifsQuery): Promise<{ items: CatalogTarifView[] }> {
    const enabled = query.enabled === undefined ? undefined : query.enabled === 'true';
    return { items: (await this.store.list({ enabled })).map(catalogTarifView) };
  }

  async get(id: number): Promise<CatalogTarifView> {
    const tarif = await this.store.find(id);
    if (!tarif) throw tarifNotFound();
    return catalogTarifView(tarif);
  }

  async refresh(id: number): Promise<CatalogTarifView> {
    if (!(await this.store.find(id))) throw tarifNotFound();
    const saved = await this.store.saveDetails(id, await this.upstream.fetch(id));
    return catalogTarifView(saved);
  }
}
