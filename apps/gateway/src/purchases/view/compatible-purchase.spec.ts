import { Prisma } from '@app/database';
import type { Purchase } from '@app/database';
import { compatiblePurchase } from './compatible-purchase';
import { displayedPrice, displayedStatus } from './purchase-display';

const d = (value: string) => new Prisma.Decimal(value);

function purchase(overrides: Partial<Purchase> = {}): Purchase {
  return {
    id: 7,
    customerId: 'c',
    upstreamId: 901,
    tarifId: 1,
    cart: {},
    billingState: 'charged',
    status: 'working',
    quotedPrice: d('5.50'),
    price: d('5.61'),
    upstreamPrice: d('5.10'),
    currency: 'usd',
    markupPercent: d('10'),
    orderType: 'twitch_viewers',
    service: 'twitch',
    channel: 'https://www.twitch.tv/x',
    parent: false,
    api: true,
    chatbot: false,
    upstreamCreatedAt: 1_700_000_000,
    settleDeadline: null,
    expanded: null,
    prolongDeadline: null,
    prolongCount: null,
    lastError: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

describe('compatiblePurchase', () => {
  it('shows the gateway id and the customer price, never upstream id or cost', () => {
    const view = compatiblePurchase(purchase(), { currency: 'usd', expand: new Set() });
    expect(view).toEqual({
      id: 7,
      price: 5.61,
      currency: 'usd',
      created_at: 1_700_000_000,
      order_type: 'twitch_viewers',
      channel: 'https://www.twitch.tv/x',
      status: 'working',
      service: 'twitch',
      parent: false,
      api: true,
      chatbot: false,
      tarif: 1,
    });
    expect(JSON.stringify(view)).not.toMatch(/901|5\.1\b/);
  });

  it('adds `expanded` only when something is expanded', () => {
    const view = compatiblePurchase(purchase(), {
      currency: 'usd',
      expand: new Set(['parent']),
      expanded: { parent: null },
    });
    expect(view.expanded).toEqual({ parent: null });
  });

  it('shows an unconfirmed purchase as awaiting, at its quote, created when the gateway recorded it', () => {
    const pending = purchase({
      billingState: 'pending',
      status: null,
      price: null,
      upstreamId: null,
      upstreamCreatedAt: null,
      service: null,
    });
    const view = compatiblePurchase(pending, { currency: 'rub', expand: new Set() });
    expect(view).toMatchObject({
      status: 'awaiting',
      price: 5.5,
      currency: 'rub',
      created_at: 1_767_225_600,
    });
    expect(view).not.toHaveProperty('service');
  });

  it.each([
    ['pending', null, 'awaiting', '5.50'],
    ['needs_review', null, 'awaiting', '5.50'],
    ['released', null, 'failed', '0.00'],
    ['rejected', null, 'failed', '0.00'],
    ['charged', null, 'created', '5.61'],
    ['charged', 'completed', 'completed', '5.61'],
    ['refunded', 'refunded', 'refunded', '5.61'],
  ] as const)('shows billing state %s (status %s) as %s at %s', (billingState, status, shown, price) => {
    const row = purchase({ billingState, status });
    expect(displayedStatus(row)).toBe(shown);
    expect(displayedPrice(row).toFixed(2)).toBe(price);
  });
});
