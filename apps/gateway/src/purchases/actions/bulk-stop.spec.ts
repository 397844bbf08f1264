import type { Purchase } from '@app/database';
import { RequestContext } from '../../tenancy/request-context';
import type { PurchaseRepository } from '../purchase.repository';
import type { UpstreamPurchases } from '../upstream/upstream-purchases';
import { BulkStop } from './bulk-stop';
import type { PurchaseRefresher } from './purchase-refresher';

const owned = [
  { id: 1, upstreamId: 101, billingState: 'charged' },
  { id: 2, upstreamId: 102, billingState: 'charged' },
  { id: 3, upstreamId: 103, billingState: 'charged' },
  { id: 4, upstreamId: null, billingState: 'pending' },
  { id: 5, upstreamId: 105, billingState: 'charged' },
] as Purchase[];

function setup(result: unknown) {
  const upstream = { bulkStop: jest.fn(async () => result) };
  const refresher = { refresh: jest.fn(async () => undefined) };
  const repository = {
    findManyVisible: async (ids: number[]) => owned.filter((purchase) => ids.includes(purchase.id)),
  };
  const bulkStop = new BulkStop(
    repository as unknown as PurchaseRepository,
    upstream as unknown as UpstreamPurchases,
    refresher as unknown as PurchaseRefresher,
  );
  const run = (ids: number[]) => RequestContext.runAsTenant('c', () => bulkStop.execute(ids));
  return { run, upstream, refresher };
}

describe('BulkStop', () => {
  it('sends only owned, linked purchases upstream and answers with gateway ids in the order asked', async () => {
    const { run, upstream, refresher } = setup({
      stopped_ids: [103, 101, 999],
      failed: [{ id: 102, status: 409, message: 'Order already completed.' }],
      missing_ids: [],
    });
    const answer = await run([3, 9, 2, 4, 1, 5, 3]);
    expect(upstream.bulkStop).toHaveBeenCalledWith([103, 102, 101, 105], undefined);
    expect(answer).toEqual({
      stopped_ids: [3, 1],
      failed: [
        { id: 2, status: 409, message: 'Order already completed.' },
        { id: 4, status: 409, message: expect.stringContaining('still being confirmed') },
      ],
      // 5 was sent but upstream said nothing about it.
      missing_ids: [9, 5],
    });
    expect(refresher.refresh).toHaveBeenCalledWith([
      { id: 3, upstreamId: 103 },
      { id: 1, upstreamId: 101 },
    ]);
  });

  it('does not call upstream when nothing can be stopped', async () => {
    const { run, upstream } = setup({});
    expect(await run([4, 9])).toEqual({
      stopped_ids: [],
      failed: [{ id: 4, status: 409, message: expect.any(String) }],
      missing_ids: [9],
    });
    expect(upstream.bulkStop).not.toHaveBeenCalled();
  });

  it('copes with an answer of another shape', async () => {
    const { run } = setup({ ok: true, failed: 'nope' });
    expect(await run([1])).toEqual({ stopped_ids: [], failed: [], missing_ids: [1] });
  });
});
