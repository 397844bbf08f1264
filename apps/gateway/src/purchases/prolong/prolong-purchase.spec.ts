import { Prisma } from '@app/database';
import { StreamSkillHttpError, StreamSkillTimeoutError } from '@app/streamskill';
import { RequestContext } from '../../tenancy/request-context';
import type { PurchaseRepository } from '../purchase.repository';
import type { UpstreamPurchases } from '../upstream/upstream-purchases';
import type { ProlongPricing } from './prolong-price';
import { ProlongPurchase } from './prolong-purchase';
import type { ReserveProlongFunds } from './reserve-prolong-funds';
import type { SettleProlongOutcome } from './settle-prolong-outcome';

const ENDPOINT = 'POST /purchases/{orderId}/prolong';
const CHARGED = { id: 7, upstreamId: 900, billingState: 'charged' };

function setup(prolong: () => Promise<unknown>, purchase: object = CHARGED) {
  const calls: string[] = [];
  const upstream = {
    prolong: jest.fn(prolong),
    get: jest.fn(async () => ({ id: 900, price: 15 })),
  };
  const settle = {
    prolonged: jest.fn(async () => void calls.push('prolonged')),
    rejected: jest.fn(async () => void calls.push('rejected')),
    unknown: jest.fn(async () => void calls.push('unknown')),
  };
  const reserve = { execute: jest.fn(async () => 1n) };
  const service = new ProlongPurchase(
    { getVisible: async () => purchase } as unknown as PurchaseRepository,
    {
      priceOf: async () => ({ price: new Prisma.Decimal(11), upstreamCost: new Prisma.Decimal(10) }),
    } as unknown as ProlongPricing,
    reserve as unknown as ReserveProlongFunds,
    upstream as unknown as UpstreamPurchases,
    settle as unknown as SettleProlongOutcome,
  );
  const run = () => RequestContext.runAsTenant('customer-1', () => service.execute(7, 2));
  return { run, calls, upstream, settle, reserve };
}

describe('ProlongPurchase', () => {
  it('prolongs upstream once, reads the purchase back and charges from it', async () => {
    const { run, calls, upstream, settle } = setup(async () => ({ status: 'ok' }));
    expect(await run()).toEqual({ status: 200, body: { status: 'ok' } });
    expect(upstream.prolong).toHaveBeenCalledWith(900, 2, undefined);
    expect(calls).toEqual(['prolonged']);
    expect(settle.prolonged.mock.calls[0]).toEqual([expect.anything(), { id: 900, price: 15 }]);
  });

  it('still charges when the purchase cannot be read back', async () => {
    const { run, upstream, settle } = setup(async () => ({ status: 'ok' }));
    upstream.get.mockRejectedValueOnce(new Error('down'));
    expect((await run()).status).toBe(200);
    expect(settle.prolonged.mock.calls[0]).toEqual([expect.anything(), null]);
  });

  it('answers 202 pending and leaves the hold when the outcome is unknown', async () => {
    const timeout = new StreamSkillTimeoutError({
      endpoint: ENDPOINT,
      type: 'timeout',
      message: 't',
      timeoutMs: 1,
    });
    const { run, calls } = setup(async () => Promise.reject(timeout));
    expect(await run()).toEqual({ status: 202, body: { status: 'pending' } });
    expect(calls).toEqual(['unknown']);
  });

  it('releases and rethrows a refusal', async () => {
    const refusal = new StreamSkillHttpError({
      endpoint: ENDPOINT,
      type: 'http_405',
      message: 'no',
      status: 405,
    });
    const { run, calls } = setup(async () => Promise.reject(refusal));
    await expect(run()).rejects.toBe(refusal);
    expect(calls).toEqual(['rejected']);
  });

  it.each([
    [{ id: 7, upstreamId: null, billingState: 'pending' }, 409],
    [{ id: 7, upstreamId: null, billingState: 'released' }, 405],
    [{ id: 7, upstreamId: 900, billingState: 'refunded' }, 405],
  ])('refuses %j with %i before holding anything', async (purchase, status) => {
    const { run, reserve, upstream } = setup(async () => ({ status: 'ok' }), purchase);
    await expect(run()).rejects.toMatchObject({ status });
    expect(reserve.execute).not.toHaveBeenCalled();
    expect(upstream.prolong).not.toHaveBeenCalled();
  });
});
