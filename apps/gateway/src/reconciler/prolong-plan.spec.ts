import { Prisma } from '@app/database';
import { planProlong, UnsettledProlong } from './prolong-plan';

const NOW = new Date('2026-11-25T12:00:00Z');
const rules = { now: NOW, answerGraceMs: 25_000 };
const d = (value: string) => new Prisma.Decimal(value);

function prolong(overrides: Partial<UnsettledProlong> = {}): UnsettledProlong {
  return {
    purchaseId: 1,
    upstreamId: 10,
    billingState: 'charged',
    customerId: '00000000-0000-0000-0000-000000000001',
    markupPercent: d('10.00'),
    knownUpstreamPrice: d('5.00'),
    prolongDeadline: new Date(NOW.getTime() + 60_000),
    holdId: 7n,
    holdCreatedAt: new Date(NOW.getTime() - 60_000),
    confirmedByUpstream: false,
    ...overrides,
  };
}

describe('planProlong', () => {
  it('charges the growth of upstream price', () => {
    const plan = planProlong(prolong(), d('10.00'), rules);
    expect(plan).toEqual({ action: 'capture', upstreamGrowth: d('5.00'), newUpstreamPrice: d('10.00') });
  });

  it('waits while the prolong call may still be answering', () => {
    const young = prolong({ holdCreatedAt: new Date(NOW.getTime() - 1000) });
    expect(planProlong(young, d('10.00'), rules)).toEqual({ action: 'wait' });
  });

  it('waits for the deadline while the price has not grown, then releases', () => {
    expect(planProlong(prolong(), d('5.00'), rules)).toEqual({ action: 'wait' });
    const late = prolong({ prolongDeadline: new Date(NOW.getTime() - 1) });
    expect(planProlong(late, d('5.00'), rules).action).toBe('release');
    expect(planProlong(late, null, rules).action).toBe('release');
  });

  it('never charges a fall of the price', () => {
    const late = prolong({ prolongDeadline: new Date(NOW.getTime() - 1) });
    expect(planProlong(late, d('4.00'), rules).action).toBe('release');
  });

  it('releases the hold of a purchase refunded meanwhile, whatever upstream shows', () => {
    expect(planProlong(prolong({ billingState: 'refunded' }), d('10.00'), rules).action).toBe('release');
  });

  it('charges the quoted cost of a prolong upstream confirmed when the price shows no growth', () => {
    expect(planProlong(prolong({ confirmedByUpstream: true }), d('5.00'), rules)).toEqual({
      action: 'capture_expected',
    });
  });

  it('cannot tell growth without the price it was billed against', () => {
    const late = prolong({ knownUpstreamPrice: null, prolongDeadline: new Date(NOW.getTime() - 1) });
    expect(planProlong(late, d('10.00'), rules).action).toBe('release');
  });
});
