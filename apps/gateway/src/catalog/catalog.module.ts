import { Module } from '@nestjs/common';
import { BackgroundJobsModule } from '../background-jobs/background-jobs.module';
import { CatalogAdminController } from './catalog-admin.controller';
import { CatalogAdminService } from './catalog-admin.service';
import { CatalogRefreshJob } from './catalog-refresh.job';
import { CatalogRefresher } from './catalog-refresher';
import { CatalogStore } from './catalog-store';
import { UpstreamTarifFetcher } from './upstream-tarif.fetcher';

/** The tariffs the gateway resells: admin routes, the cached upstream details and their refresh. */
@Module({
  imports: [BackgroundJobsModule],
  controllers: [CatalogAdminController],
  providers: [CatalogStore, CatalogAdminService, UpstreamTarifFetcher, CatalogRefresher, CatalogRefreshJob],
  exports: [CatalogStore, CatalogRefresher],
})
export class CatalogModule {}
