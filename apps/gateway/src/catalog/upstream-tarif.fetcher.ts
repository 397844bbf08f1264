import { Injectable, Logger } from '@nestjs/common';
import { StreamSkillClient, StreamSkillError, tarifPricingProblems } from '@app/streamskill';
import type { TarifDetailsObject, UpstreamPriority } from '@app/streamskill';
import { GatewayError } from '../errors/gateway-error';
import type { FetchedTarif } from './catalog-store';

/** Upstream answers meaning "no such tariff": 404, and 422 for ids it refuses outright. */
const UNKNOWN_TARIF_STATUSES = new Set([404, 422]);

/**
 * Reads one tariff from StreamSkill (GET /tarifs/{id}) in English and Russian, one call after the
 * other. Upstream outages surface as StreamSkillError, which the global filter maps to 502/503/504.
 */
@Injectable()
export class UpstreamTarifFetcher {
  private readonly logger = new Logger(UpstreamTarifFetcher.name);

  constructor(private readonly client: StreamSkillClient) {}

  /** `priority` is 'background' for the refresh job, so that it leaves the budget's reserve alone. */
  async fetch(id: number, signal?: AbortSignal, priority?: UpstreamPriority): Promise<FetchedTarif> {
    try {
      const details = await this.client.getTarif(id, { language: 'en', signal, priority });
      const detailsRu = await this.client.getTarif(id, { language: 'ru', signal, priority });
      this.assertPriceable(id, details);
      return { details, detailsRu, fetchedAt: new Date() };
    } catch (error) {
      if (error instanceof StreamSkillError && UNKNOWN_TARIF_STATUSES.has(error.status ?? 0)) {
        throw unknownUpstream(id);
      }
      throw error;
    }
  }

  private assertPriceable(id: number, details: TarifDetailsObject): void {
    const problems = tarifPricingProblems(details);
    if (!problems.length) return;
    this.logger.warn({ tarifId: id, problems }, 'StreamSkill sent a tariff the gateway cannot price');
    throw new GatewayError(
      502,
      'upstream_unavailable',
      `StreamSkill describes tarif ${id} in a way the gateway cannot price; it was not stored.`,
    );
  }
}

function unknownUpstream(id: number): GatewayError {
  return new GatewayError(404, 'not_found_http_exception', `StreamSkill has no tarif ${id}.`);
}
