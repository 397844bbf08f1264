import { Injectable, Logger } from '@nestjs/common';
import { toMoneyString } from '@app/common';
import { AuditRecorder } from '../audit/audit-recorder.service';
import { jobActor } from '../background-jobs/background-job';
import { FlagForReview } from './flag-for-review';
import { LinkUpstreamPurchase } from './link-upstream-purchase';
import { ReleaseUnsettledPurchase } from './release-unsettled-purchase';
import { AlreadySettledError } from './settlement-errors';
import type { Settlement } from './settlement-plan';

export type SettlementOutcome = 'linked' | 'released' | 'flagged' | 'waiting' | 'skipped' | 'failed';

const ACTOR = jobActor('reconciler');

/**
 * Carries out one planned settlement and audits the state change. A purchase someone else settled
 * in the meantime is skipped; any other failure is logged and retried on the next pass.
 */
@Injectable()
export class SettlementExecutor {
  private readonly logger = new Logger('reconciler');

  constructor(
    private readonly link: LinkUpstreamPurchase,
    private readonly release: ReleaseUnsettledPurchase,
    private readonly flag: FlagForReview,
    private readonly audit: AuditRecorder,
  ) {}

  async apply(settlement: Settlement): Promise<SettlementOutcome> {
    try {
      return await this.carryOut(settlement);
    } catch (error) {
      if (error instanceof AlreadySettledError) return 'skipped';
      this.logger.error({ err: error, ...settlement }, 'Settling a pending purchase failed');
      return 'failed';
    }
  }

  private async carryOut(settlement: Settlement): Promise<SettlementOutcome> {
    const { purchaseId } = settlement;
    switch (settlement.action) {
      case 'wait':
        return 'waiting';
      case 'link': {
        const result = await this.link.execute({
          purchaseId,
          upstream: settlement.upstream,
          actor: ACTOR,
          from: ['pending'],
        });
        await this.record(purchaseId, result.customerId, 'purchase.reconcile.link', {
          upstreamId: settlement.upstream.id,
          upstreamPrice: result.upstreamPrice.toString(),
          captured: toMoneyString(result.captured),
          released: toMoneyString(result.released),
          ...(result.shortfall.isZero() ? {} : { shortfall: toMoneyString(result.shortfall) }),
        });
        return 'linked';
      }
      case 'release': {
        const result = await this.release.execute({
          purchaseId,
          actor: ACTOR,
          reason: 'no upstream purchase by the settle deadline',
          from: ['pending'],
        });
        await this.record(purchaseId, result.customerId, 'purchase.reconcile.release', {
          released: toMoneyString(result.released),
        });
        return 'released';
      }
      case 'review': {
        const note = { reason: settlement.reason, candidateUpstreamIds: settlement.candidateIds };
        const flagged = await this.flag.execute(purchaseId, { ...note, at: new Date().toISOString() });
        if (!flagged) return 'skipped';
        await this.record(purchaseId, flagged.customerId, 'purchase.reconcile.needs_review', note);
        this.logger.warn({ purchaseId, ...note }, 'A pending purchase needs an admin to resolve it');
        return 'flagged';
      }
    }
  }

  private record(purchaseId: number, customerId: string, action: string, details: Record<string, unknown>) {
    return this.audit.record({
      actorType: 'job',
      actorId: ACTOR.id,
      customerId,
      action,
      target: String(purchaseId),
      outcome: 'success',
      details,
    });
  }
}
