import Decimal from 'decimal.js';
import { PurchaseLifecycle } from './purchase-lifecycle';
import type { SandboxPurchase } from './purchase.types';

function purchase(overrides: Partial<SandboxPurchase> = {}): SandboxPurchase {
  return {
    id: 1,
    foreign: false,
    api: true,
    tarifId: 1,
    orderType: 'twitch_viewers',
    service: 'twitch',
    chatbot: false,
    channel: 'https://www.twitch.tv/x',
    quantity: 100,
    duration: 1,
    interval: null,
    lang: 'auto',
    comment: '',
    price: new Decimal(5),
    currency: 'usd',
    createdAt: 0,
    status: 'created',
    phaseEndsAt: 100,
    workingMs: 100,
    pausedRemainingMs: null,
    settings: {},
    history: [],
    charges: [],
    ...overrides,
  };
}

describe('PurchaseLifecycle', () => {
  const lifecycle = new PurchaseLifecycle(100);

  it('advances created -> working -> completed one step at a time', () => {
    const p = purchase();
    lifecycle.advance(p, 99);
    expect(p.status).toBe('created');
    lifecycle.advance(p, 100);
    expect(p.status).toBe('working');
    lifecycle.advance(p, 1000);
    expect(p.status).toBe('completed');
    expect(p.history.map((h) => [h.status, h.at])).toEqual([
      ['working', 100],
      ['completed', 200],
    ]);
  });

  it('starts immediately and prolongs the working phase', () => {
    const p = purchase();
    lifecycle.start(p, 10);
    lifecycle.extend(p, 2);
    lifecycle.advance(p, 309);
    expect(p.status).toBe('working');
    lifecycle.advance(p, 310);
    expect(p.status).toBe('completed');
  });

  it('keeps a stopped purchase stopped and resumes it with the time that was left', () => {
    const p = purchase({ status: 'working', phaseEndsAt: 100 });
    lifecycle.stop(p, 40);
    lifecycle.advance(p, 10_000);
    expect(p.status).toBe('stopped');
    lifecycle.start(p, 10_000);
    expect(p.phaseEndsAt).toBe(10_060);
  });

  it('forces any status; terminal ones stay put', () => {
    const p = purchase();
    lifecycle.force(p, 'refunded', 5);
    lifecycle.advance(p, 10_000);
    expect(p.status).toBe('refunded');
  });
});
