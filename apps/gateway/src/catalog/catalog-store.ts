import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import type { CatalogTarif } from '@app/database';
import type { Language, TarifDetailsObject } from '@app/streamskill';

/** StreamSkill's details of one tariff, as fetched in both languages. */
export interface FetchedTarif {
  details: TarifDetailsObject;
  detailsRu: TarifDetailsObject;
  fetchedAt: Date;
}

export interface ResaleTerms {
  enabled: boolean;
  /** undefined keeps the stored value (null on a new entry); null clears it. */
  markupPercent?: string | null;
  /** undefined keeps the stored value (true on a new entry). */
  supportsDuration?: boolean;
}

/** The tariffs the gateway resells (catalog_tarifs): shared by every customer, not tenant data. */
@Injectable()
export class CatalogStore {
  constructor(private readonly prisma: PrismaService) {}

  find(id: number): Promise<CatalogTarif | null> {
    return this.prisma.catalogTarif.findUnique({ where: { id } });
  }

  async findEnabled(id: number): Promise<CatalogTarif | null> {
    const tarif = await this.find(id);
    return tarif?.enabled ? tarif : null;
  }

  list(filter: { enabled?: boolean } = {}): Promise<CatalogTarif[]> {
    return this.prisma.catalogTarif.findMany({ where: filter, orderBy: { id: 'asc' } });
  }

  /** Enabled tariffs, least recently fetched first. */
  listEnabledByAge(): Promise<Pick<CatalogTarif, 'id'>[]> {
    return this.prisma.catalogTarif.findMany({
      where: { enabled: true },
      select: { id: true },
      orderBy: [{ fetchedAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** Sets the resale terms; `fetched` (required for a new entry) also replaces the cached details. */
  save(id: number, terms: ResaleTerms, fetched?: FetchedTarif): Promise<CatalogTarif> {
    const changes = {
      enabled: terms.enabled,
      markupPercent: terms.markupPercent,
      supportsDuration: terms.supportsDuration,
      ...(fetched ? detailsColumns(fetched) : {}),
    };
    if (!fetched) return this.prisma.catalogTarif.update({ where: { id }, data: changes });
    return this.prisma.catalogTarif.upsert({
      where: { id },
      create: { ...changes, id, ...detailsColumns(fetched) },
      update: changes,
    });
  }

  /** Replaces the cached details only: the admin's terms stay as they are. */
  saveDetails(id: number, fetched: FetchedTarif): Promise<CatalogTarif> {
    return this.prisma.catalogTarif.update({ where: { id }, data: detailsColumns(fetched) });
  }
}

/** The cached details in `language`; tariffs cached before their Russian texts fall back to English. */
export function detailsIn(tarif: CatalogTarif, language: Language): TarifDetailsObject {
  const localized = language === 'ru' ? (tarif.detailsRu ?? tarif.details) : tarif.details;
  return localized as unknown as TarifDetailsObject;
}

function detailsColumns({ details, detailsRu, fetchedAt }: FetchedTarif) {
  return {
    details: details as unknown as Prisma.InputJsonObject,
    detailsRu: detailsRu as unknown as Prisma.InputJsonObject,
    fetchedAt,
  };
}
