import type { PurchaseObject } from '@app/streamskill';
import { planSettlements } from './settlement-plan';
import type { MatchRules, UnlinkedPurchase } from './upstream-candidates';

const NOW = new Date('2026-11-25T12:00:00Z');
const MINUTE = 60_000;

function rules(overrides: Partial<MatchRules> = {}): MatchRules {
  return {
    now: NOW,
    answerGraceMs: MINUTE / 2,
    clockSkewMs: 2 * MINUTE,
    linkPrefixes: new Map([[1, 'https://www.twitch.tv/']]),
    linkedUpstreamIds: new Set(),
    ...overrides,
  };
}

let nextId = 1;
function pending(overrides: Partial<UnlinkedPurchase> = {}): UnlinkedPurchase {
  return {
    id: nextId++,
    billingState: 'pending',
    tarifId: 1,
    channel: 'streamer',
    createdAt: new Date(NOW.getTime() - 5 * MINUTE),
    settleDeadline: new Date(NOW.getTime() + 10 * MINUTE),
    ...overrides,
  };
}

function upstream(id: number, overrides: Partial<PurchaseObject> = {}): PurchaseObject {
  return {
    id,
    price: 5,
    currency: 'usd',
    created_at: Math.floor((NOW.getTime() - 5 * MINUTE) / 1000),
    order_type: 'twitch_viewers',
    channel: 'https://www.twitch.tv/streamer',
    status: 'created',
    service: 'twitch',
    parent: false,
    api: true,
    chatbot: false,
    tarif: 1,
    ...overrides,
  };
}

describe('planSettlements', () => {
  it('links the one upstream purchase with the same tariff, channel and time', () => {
    const purchase = pending();
    const [plan] = planSettlements([purchase], [upstream(10)], rules());
    expect(plan).toMatchObject({ action: 'link', purchaseId: purchase.id, upstream: { id: 10 } });
  });

  it.each([
    ['another tariff', { tarif: 2 }],
    ['another channel', { channel: 'https://www.twitch.tv/someone' }],
    ['a web order', { api: false }],
    ['too early', { created_at: Math.floor((NOW.getTime() - 8 * MINUTE) / 1000) }],
    ['too late', { created_at: Math.floor((NOW.getTime() - MINUTE) / 1000) }],
  ])('does not take %s for a match', (_label, overrides) => {
    const [plan] = planSettlements([pending()], [upstream(10, overrides)], rules());
    expect(plan).toMatchObject({ action: 'wait', reason: 'before_deadline' });
  });

  it('ignores upstream purchases that already belong to another gateway purchase', () => {
    const [plan] = planSettlements([pending()], [upstream(10)], rules({ linkedUpstreamIds: new Set([10]) }));
    expect(plan.action).toBe('wait');
  });

  it('releases after the deadline when nothing matches', () => {
    const purchase = pending({ settleDeadline: new Date(NOW.getTime() - 1) });
    expect(planSettlements([purchase], [], rules())).toEqual([
      { action: 'release', purchaseId: purchase.id },
    ]);
  });

  it('still links after the deadline when the match shows up', () => {
    const purchase = pending({ settleDeadline: new Date(NOW.getTime() - 1) });
    expect(planSettlements([purchase], [upstream(10)], rules())[0].action).toBe('link');
  });

  it('sends several candidates to review', () => {
    const purchase = pending();
    const [plan] = planSettlements([purchase], [upstream(10), upstream(11)], rules());
    expect(plan).toEqual({
      action: 'review',
      purchaseId: purchase.id,
      reason: 'several_candidates',
      candidateIds: [10, 11],
    });
  });

  it('sends a candidate that two pending purchases could claim to review, for both', () => {
    const plans = planSettlements([pending(), pending()], [upstream(10)], rules());
    expect(plans).toMatchObject([
      { action: 'review', reason: 'shared_candidate', candidateIds: [10] },
      { action: 'review', reason: 'shared_candidate', candidateIds: [10] },
    ]);
  });

  it('does not link a candidate that a purchase in review could claim', () => {
    const plans = planSettlements(
      [pending(), pending({ billingState: 'needs_review' })],
      [upstream(10)],
      rules(),
    );
    expect(plans).toHaveLength(1);
    expect(plans[0].action).toBe('review');
  });

  it('leaves a purchase alone while its create may still be answering', () => {
    const young = pending({ createdAt: new Date(NOW.getTime() - 1000) });
    const [plan] = planSettlements(
      [young],
      [upstream(10, { created_at: Math.floor(NOW.getTime() / 1000) })],
      rules(),
    );
    expect(plan).toMatchObject({ action: 'wait', reason: 'in_flight' });
  });

  it('waits when a purchase still in flight could claim the same candidate', () => {
    const old = pending({ createdAt: new Date(NOW.getTime() - 40_000) });
    const young = pending({ createdAt: new Date(NOW.getTime() - 10_000) });
    const candidate = upstream(10, { created_at: Math.floor((NOW.getTime() - 20_000) / 1000) });
    const plans = planSettlements([old, young], [candidate], rules());
    expect(plans[0]).toMatchObject({ action: 'wait', reason: 'contested_by_in_flight' });
    expect(plans[1]).toMatchObject({ action: 'wait', reason: 'in_flight' });
  });

  it('links the upstream purchase the create flow got but could not record, whatever its fields', () => {
    const purchase = pending({ reportedUpstreamId: 11, createdAt: new Date(NOW.getTime() - 1000) });
    const plans = planSettlements(
      [purchase],
      [upstream(10), upstream(11, { channel: 'elsewhere' })],
      rules(),
    );
    expect(plans).toMatchObject([{ action: 'link', upstream: { id: 11 } }]);
  });

  it('settles unrelated purchases independently', () => {
    const first = pending({ channel: 'one' });
    const second = pending({ channel: 'two' });
    const plans = planSettlements(
      [first, second],
      [
        upstream(10, { channel: 'https://www.twitch.tv/one' }),
        upstream(11, { channel: 'https://www.twitch.tv/two' }),
      ],
      rules(),
    );
    expect(plans).toMatchObject([
      { action: 'link', purchaseId: first.id, upstream: { id: 10 } },
      { action: 'link', purchaseId: second.id, upstream: { id: 11 } },
    ]);
  });
});
