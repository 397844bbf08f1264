import { StreamSkillBudgetExhaustedError, StreamSkillHttpError } from '@app/streamskill';
import type { PrismaService } from '@app/database';
import type { AuditRecorder } from '../audit/audit-recorder.service';
import type { BackgroundUpstream } from '../background-jobs/background-upstream';
import type { RefundFailedPurchase } from './refund-failed-purchase';
import { StatusSyncPass } from './status-sync-pass';
import type { SyncedPurchaseFields } from './synced-purchase-fields';

/** 250 linked purchases (ids 1..250, upstream ids 1001..1250): three batches of at most 100. */
const PURCHASES = Array.from({ length: 250 }, (_, index) => ({ id: index + 1, upstreamId: index + 1001 }));

function passWith(read: (upstreamIds: number[]) => Promise<unknown>) {
  const reads: number[][] = [];
  const prisma = {
    purchase: {
      findMany: ({ where, take }: { where: { id: { gt: number } }; take: number }) =>
        Promise.resolve(PURCHASES.filter((p) => p.id > where.id.gt).slice(0, take)),
    },
  };
  const upstream = {
    getPurchaseBatch: (ids: number[]) => {
      reads.push(ids);
      return read(ids);
    },
  };
  const fields = { store: () => Promise.resolve(false) };
  const pass = new StatusSyncPass(
    prisma as unknown as PrismaService,
    upstream as unknown as BackgroundUpstream,
    {} as RefundFailedPurchase,
    fields as unknown as SyncedPurchaseFields,
    {} as AuditRecorder,
  );
  return { pass, firstIdOfEachRead: () => reads.map((ids) => ids[0] - 1000) };
}

const ENDPOINT = 'GET /purchases/bulk';
const answer = () => Promise.resolve({ items: [], missing_ids: [] });

describe('StatusSyncPass', () => {
  it('goes on with the next batches after a batch fails upstream', async () => {
    const { pass, firstIdOfEachRead } = passWith((ids) =>
      ids[0] === 1101
        ? Promise.reject(
            new StreamSkillHttpError({ endpoint: ENDPOINT, type: 'x', message: 'x', status: 500 }),
          )
        : answer(),
    );
    expect(await pass.run()).toMatchObject({ checked: 250, failedBatches: 1 });
    expect(firstIdOfEachRead()).toEqual([1, 101, 201]);
  });

  it('ends the pass when the budget is exhausted, and starts the next one at the batch it missed', async () => {
    let exhausted = true;
    const { pass, firstIdOfEachRead } = passWith((ids) =>
      ids[0] === 1101 && exhausted
        ? Promise.reject(
            new StreamSkillBudgetExhaustedError({
              endpoint: ENDPOINT,
              type: 'budget_exhausted',
              message: 'no token',
              retryAfterSeconds: 1,
            }),
          )
        : answer(),
    );
    expect(await pass.run()).toMatchObject({ checked: 200, failedBatches: 1 });
    expect(firstIdOfEachRead()).toEqual([1, 101]);

    exhausted = false;
    expect(await pass.run()).toMatchObject({ checked: 150, failedBatches: 0 });
    expect(await pass.run()).toMatchObject({ checked: 250, failedBatches: 0 });
    expect(firstIdOfEachRead()).toEqual([1, 101, 101, 201, 1, 101, 201]);
  });
});
