import { Injectable, Logger } from '@nestjs/common';
import { toMoneyString } from '@app/common';
import { PrismaService } from '@app/database';
import { MAX_BULK_IDS, StreamSkillBudgetExhaustedError } from '@app/streamskill';
import { AuditRecorder } from '../audit/audit-recorder.service';
import { BackgroundUpstream } from '../background-jobs/background-upstream';
import type { UpstreamPurchase } from '../purchases/upstream/upstream-purchases';
import { FINISHED_STATUSES } from '../purchases/view/purchase-display';
import { RefundFailedPurchase } from './refund-failed-purchase';
import { StoredFields, SyncedPurchaseFields } from './synced-purchase-fields';

/** Upstream statuses after which the customer gets the purchase's price back. */
export const REFUNDED_STATUSES: readonly string[] = ['failed', 'refunded'];

export interface StatusSyncSummary {
  checked: number;
  updated: number;
  refunded: number;
  missing: number;
  failedBatches: number;
}

/**
 * One status sync pass: every purchase linked upstream and not finished is read back through
 * `GET /purchases/bulk`, 100 at a time, and its status and fields are stored. See README.md.
 */
@Injectable()
export class StatusSyncPass {
  private readonly logger = new Logger('status-sync');

  constructor(
    private readonly prisma: PrismaService,
    private readonly upstream: BackgroundUpstream,
    private readonly refundFailed: RefundFailedPurchase,
    private readonly fields: SyncedPurchaseFields,
    private readonly audit: AuditRecorder,
  ) {}

  /** Where the next pass starts: after a pass that ran out of budget, at the batch it could not read. */
  private resumeAfter = 0;

  async run(): Promise<StatusSyncSummary> {
    const summary: StatusSyncSummary = { checked: 0, updated: 0, refunded: 0, missing: 0, failedBatches: 0 };
    let after = this.resumeAfter;
    this.resumeAfter = 0;
    for (;;) {
      const batch = await this.nextBatch(after);
      if (batch.length === 0) return summary;
      summary.checked += batch.length;
      try {
        await this.syncBatch(batch, summary);
      } catch (error) {
        // The next batches may fare better; this one is read again on the next pass.
        summary.failedBatches++;
        this.logger.warn({ err: error, purchases: batch.length }, 'A status sync batch failed');
        // No budget left for background reads: every further batch would wait out its deadline too.
        // The next pass starts here, so that the batches after this one are not starved.
        if (error instanceof StreamSkillBudgetExhaustedError) {
          this.resumeAfter = after;
          return summary;
        }
      }
      after = batch[batch.length - 1].id;
    }
  }

  private nextBatch(after: number): Promise<StoredFields[]> {
    return this.prisma.purchase.findMany({
      where: {
        id: { gt: after },
        upstreamId: { not: null },
        OR: [{ status: null }, { status: { notIn: [...FINISHED_STATUSES] } }],
      },
      select: SyncedPurchaseFields.SELECT,
      orderBy: { id: 'asc' },
      take: MAX_BULK_IDS,
    });
  }

  private async syncBatch(batch: StoredFields[], summary: StatusSyncSummary): Promise<void> {
    const byUpstreamId = new Map(batch.map((purchase) => [purchase.upstreamId as number, purchase]));
    const answer = await this.upstream.getPurchaseBatch([...byUpstreamId.keys()]);
    for (const item of answer.items as UpstreamPurchase[]) {
      const stored = byUpstreamId.get(item.id);
      if (!stored) continue;
      if (REFUNDED_STATUSES.includes(item.status) && stored.billingState === 'charged') {
        if (await this.refund(stored, item)) summary.refunded++;
      } else if (await this.fields.store(stored, item)) {
        summary.updated++;
      }
    }
    if (answer.missing_ids.length > 0) {
      summary.missing += answer.missing_ids.length;
      // Kept as they are: upstream may hide an order for a while, and nothing says it was not bought.
      this.logger.warn({ upstreamIds: answer.missing_ids }, 'StreamSkill does not know these purchases');
    }
  }

  private async refund(stored: StoredFields, upstream: UpstreamPurchase): Promise<boolean> {
    const refunded = await this.refundFailed.execute(stored.id, upstream);
    if (!refunded) return false;
    await this.audit.record({
      actorType: 'job',
      actorId: 'status-sync',
      customerId: refunded.customerId,
      action: 'purchase.status_sync.refund',
      target: String(stored.id),
      outcome: 'success',
      details: { upstreamId: upstream.id, status: upstream.status, refunded: toMoneyString(refunded.amount) },
    });
    return true;
  }
}
