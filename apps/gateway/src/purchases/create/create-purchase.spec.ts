import { Prisma } from '@app/database';
import {
  StreamSkillHttpError,
  StreamSkillNetworkError,
  StreamSkillTimeoutError,
  type StreamSkillError,
} from '@app/streamskill';
import { GatewayError } from '../../errors/gateway-error';
import { IdempotentExecution } from '../../idempotency/idempotent-execution';
import { RequestContext } from '../../tenancy/request-context';
import type { PurchaseRepository } from '../purchase.repository';
import type { UpstreamPurchases } from '../upstream/upstream-purchases';
import type { PurchasePresenter } from '../view/purchase-presenter';
import { CreatePurchase } from './create-purchase';
import type { QuoteCreate } from './quote-create';
import type { ReserveCreateFunds } from './reserve-create-funds';
import type { SettleCreateOutcome } from './settle-create-outcome';

const CART = { tarif: { id: 1, quantity: 100 }, channel: 'twitch' };
const ENDPOINT = 'POST /purchases/create';
const pending = { id: 7, billingState: 'pending' };
const charged = { id: 7, billingState: 'charged' };

function setup(upstreamCall: () => Promise<unknown>) {
  const calls: string[] = [];
  const quoted = { quote: { price: new Prisma.Decimal('5.50') }, purchaseId: 7 };
  const pricing = { execute: jest.fn(async () => quoted) };
  const reserve = { execute: jest.fn(async () => ({ purchase: pending, holdId: 1n })) };
  const upstream = { create: jest.fn(upstreamCall) };
  const settle = {
    created: jest.fn(async () => (calls.push('created'), charged)),
    rejected: jest.fn(async () => void calls.push('rejected')),
    unknown: jest.fn(async () => (calls.push('unknown'), pending)),
  };
  const presenter = {
    one: jest.fn(async (purchase: { billingState: string }) => ({ view: purchase.billingState })),
  };
  const purchases = { findVisible: jest.fn(async (id: number) => (id === 7 ? charged : null)) };
  const create = new CreatePurchase(
    pricing as unknown as QuoteCreate,
    reserve as unknown as ReserveCreateFunds,
    upstream as unknown as UpstreamPurchases,
    settle as unknown as SettleCreateOutcome,
    presenter as unknown as PurchasePresenter,
    purchases as unknown as PurchaseRepository,
  );
  const run = (extra: { resumedRef?: string } = {}) =>
    RequestContext.runAsTenant('customer-1', () =>
      IdempotentExecution.run('key', () => create.execute({ cart: CART, expand: new Set() }), extra),
    );
  return { run, calls, upstream, settle, reserve, purchases };
}

const http = (status: number) =>
  new StreamSkillHttpError({ endpoint: ENDPOINT, type: `http_${status}`, message: 'no', status });

describe('CreatePurchase', () => {
  it('settles a 200 as bought and marks the key committed before calling upstream', async () => {
    const { run, calls, upstream } = setup(async () => ({ id: 900, price: 5 }));
    const { state, result } = run();
    expect(await result).toEqual({ status: 200, body: { view: 'charged' } });
    expect(state.committed).toBe(true);
    expect(upstream.create).toHaveBeenCalledTimes(1);
    expect(calls).toEqual(['created']);
  });

  it('resumes a key whose first request died: the purchase as it stands, never bought again', async () => {
    const { run, upstream, reserve, purchases } = setup(async () => ({ id: 900, price: 5 }));
    expect(await run({ resumedRef: 'purchase:7' }).result).toEqual({
      status: 200,
      body: { view: 'charged' },
    });
    expect(purchases.findVisible).toHaveBeenCalledWith(7);
    await expect(run({ resumedRef: 'purchase:8' }).result).rejects.toMatchObject({ status: 502 });
    expect(reserve.execute).not.toHaveBeenCalled();
    expect(upstream.create).not.toHaveBeenCalled();
  });

  it.each<[string, StreamSkillError]>([
    [
      'a timeout',
      new StreamSkillTimeoutError({ endpoint: ENDPOINT, type: 'timeout', message: 't', timeoutMs: 1 }),
    ],
    ['a reset', new StreamSkillNetworkError({ endpoint: ENDPOINT, type: 'network', message: 'reset' })],
    ['a 500', http(500)],
  ])('answers 202 and leaves the hold on %s', async (_name, error) => {
    const { run, calls, upstream } = setup(async () => Promise.reject(error));
    expect(await run().result).toEqual({ status: 202, body: { view: 'pending' } });
    expect(upstream.create).toHaveBeenCalledTimes(1);
    expect(calls).toEqual(['unknown']);
  });

  it('releases on a definite refusal and lets the error filter answer it', async () => {
    const refusal = http(422);
    const { run, calls } = setup(async () => Promise.reject(refusal));
    await expect(run().result).rejects.toBe(refusal);
    expect(calls).toEqual(['rejected']);
  });

  it('does not blame the customer for an upstream 404 on create', async () => {
    const { run } = setup(async () => Promise.reject(http(404)));
    await expect(run().result).rejects.toMatchObject({ status: 502, type: 'upstream_unavailable' });
  });

  it.each<[string, () => Promise<unknown>, 'created' | 'unknown']>([
    ['a 200', async () => ({ id: 900, price: 5 }), 'created'],
    ['a 500', async () => Promise.reject(http(500)), 'unknown'],
  ])('answers 202 with the purchase as reserved when %s cannot be recorded', async (_name, call, step) => {
    const { run, settle } = setup(call);
    settle[step].mockRejectedValueOnce(new Error('database down'));
    expect(await run().result).toEqual({ status: 202, body: { view: 'pending' } });
  });

  it('still answers a definite refusal when releasing its hold cannot be recorded', async () => {
    const refusal = http(422);
    const { run, settle } = setup(async () => Promise.reject(refusal));
    settle.rejected.mockRejectedValueOnce(new Error('database down'));
    await expect(run().result).rejects.toBe(refusal);
  });

  it('settles nothing when the failure is not an upstream answer: the reconciler will', async () => {
    const bug = new Error('bug');
    const { run, calls } = setup(async () => Promise.reject(bug));
    await expect(run().result).rejects.toBe(bug);
    expect(calls).toEqual([]);
  });

  it('neither calls upstream nor commits the key when the funds cannot be held', async () => {
    const { run, reserve, upstream } = setup(async () => ({ id: 1 }));
    reserve.execute.mockRejectedValueOnce(new GatewayError(402, 'insufficient_funds', 'no'));
    const { state, result } = run();
    await expect(result).rejects.toMatchObject({ status: 402 });
    expect(state.committed).toBe(false);
    expect(upstream.create).not.toHaveBeenCalled();
  });
});
