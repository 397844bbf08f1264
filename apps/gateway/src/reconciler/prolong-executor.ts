import { Injectable, Logger } from '@nestjs/common';
import { toMoneyString } from '@app/common';
import { PrismaService } from '@app/database';
import { AuditRecorder } from '../audit/audit-recorder.service';
import { jobActor } from '../background-jobs/background-job';
import { PricingService } from '../pricing/pricing.service';
import { ProlongPricing } from '../purchases/prolong/prolong-price';
import type { ProlongSettlement, UnsettledProlong } from './prolong-plan';
import { ProlongCharge, SettleProlongHold } from './settle-prolong-hold';
import { AlreadySettledError } from './settlement-errors';

export type ProlongOutcome = 'prolongCaptured' | 'prolongReleased' | 'waiting' | 'skipped' | 'failed';

const ACTOR = jobActor('reconciler');

/** Carries out one prolong decision and audits it; failures are logged and retried on the next pass. */
@Injectable()
export class ProlongExecutor {
  private readonly logger = new Logger('reconciler');

  constructor(
    private readonly prisma: PrismaService,
    private readonly settle: SettleProlongHold,
    private readonly pricing: PricingService,
    private readonly prolongPricing: ProlongPricing,
    private readonly audit: AuditRecorder,
  ) {}

  async apply(prolong: UnsettledProlong, settlement: ProlongSettlement): Promise<ProlongOutcome> {
    try {
      return await this.carryOut(prolong, settlement);
    } catch (error) {
      if (error instanceof AlreadySettledError) return 'skipped';
      this.logger.error(
        { err: error, purchaseId: prolong.purchaseId },
        'Settling an ambiguous prolong failed',
      );
      return 'failed';
    }
  }

  private async carryOut(prolong: UnsettledProlong, settlement: ProlongSettlement): Promise<ProlongOutcome> {
    if (settlement.action === 'wait') return 'waiting';
    if (settlement.action === 'release') {
      await this.settle.release(prolong, `prolong not carried out: ${settlement.reason}`, ACTOR);
      await this.record(prolong, 'purchase.reconcile.prolong_release', { reason: settlement.reason });
      return 'prolongReleased';
    }
    const charge = await this.chargeFor(prolong, settlement);
    const split = await this.settle.capture(prolong, charge, ACTOR);
    await this.record(prolong, 'purchase.reconcile.prolong_capture', {
      upstreamPrice: charge.newUpstreamPrice?.toString() ?? null,
      captured: toMoneyString(split.captured),
      released: toMoneyString(split.released),
      ...(split.shortfall.isZero() ? {} : { shortfall: toMoneyString(split.shortfall) }),
    });
    return 'prolongCaptured';
  }

  private async chargeFor(
    prolong: UnsettledProlong,
    settlement: Extract<ProlongSettlement, { action: 'capture' | 'capture_expected' }>,
  ): Promise<ProlongCharge> {
    if (settlement.action === 'capture') {
      return {
        amount: this.pricing.customerPrice(settlement.upstreamGrowth, prolong.markupPercent),
        newUpstreamPrice: settlement.newUpstreamPrice,
      };
    }
    const purchase = await this.prisma.purchase.findUniqueOrThrow({ where: { id: prolong.purchaseId } });
    const expected = await this.prolongPricing.priceOf(purchase, purchase.prolongCount ?? 1);
    return {
      amount: expected.price,
      newUpstreamPrice: prolong.knownUpstreamPrice?.plus(expected.upstreamCost) ?? null,
    };
  }

  private record(prolong: UnsettledProlong, action: string, details: Record<string, unknown>) {
    return this.audit.record({
      actorType: 'job',
      actorId: ACTOR.id,
      customerId: prolong.customerId,
      action,
      target: String(prolong.purchaseId),
      outcome: 'success',
      details: { upstreamId: prolong.upstreamId, holdId: prolong.holdId.toString(), ...details },
    });
  }
}
