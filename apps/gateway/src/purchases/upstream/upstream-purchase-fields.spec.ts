import { upstreamPriceOf, upstreamPurchaseFields } from './upstream-purchase-fields';
import type { UpstreamPurchase } from './upstream-purchases';

const UPSTREAM = {
  id: 12,
  price: 0.1 + 0.2,
  currency: 'usd',
  created_at: 1_700_000_000,
  order_type: 'chatbots',
  channel: 'https://www.twitch.tv/x',
  status: 'working',
  service: 'twitch',
  parent: false,
  api: true,
  chatbot: true,
  tarif: 3,
  expanded: { chatbot: { settings: {} } },
} as UpstreamPurchase;

describe('upstream purchase fields', () => {
  it('maps what upstream says onto the purchase columns, price left out', () => {
    expect(upstreamPurchaseFields(UPSTREAM)).toEqual({
      status: 'working',
      orderType: 'chatbots',
      service: 'twitch',
      channel: 'https://www.twitch.tv/x',
      parent: false,
      api: true,
      chatbot: true,
      upstreamCreatedAt: 1_700_000_000,
      expanded: { chatbot: { settings: {} } },
    });
  });

  it('tolerates fields of the wrong type', () => {
    const odd = {
      id: 1,
      status: 5,
      channel: null,
      created_at: 'x',
      parent: 'no',
    } as unknown as UpstreamPurchase;
    expect(upstreamPurchaseFields(odd)).toMatchObject({
      status: null,
      channel: undefined,
      upstreamCreatedAt: null,
      parent: null,
      expanded: undefined,
    });
  });

  it('reads the price through its shortest decimal form', () => {
    expect(upstreamPriceOf(UPSTREAM)?.toString()).toBe('0.30000000000000004');
    expect(upstreamPriceOf({ ...UPSTREAM, price: 960 })?.toFixed(2)).toBe('960.00');
    expect(upstreamPriceOf({ ...UPSTREAM, price: -1 })).toBeNull();
    expect(upstreamPriceOf({ ...UPSTREAM, price: '5' as unknown as number })).toBeNull();
  });
});
