import type { TarifDetailsObject } from '../streamskill.types';
import {
  baseQuantity,
  cartTarifProblems,
  pricingOf,
  quantityRange,
  quoteTarif,
  resolveCartTarif,
  tarifPricingProblems,
} from './tarif-pricing';

const link = { prefix: 'https://www.twitch.tv/', placeholder: 'twitch' };

/** Tariffs as GET /tarifs/{id} shows them (the sandbox's 1, 2, 4 and 5). */
const viewers: TarifDetailsObject = {
  id: 1,
  title: 'Twitch Viewers',
  text: ['Live viewers for your stream'],
  count: 100,
  price: 5,
  type: 'twitch_viewers',
  hourly: false,
  pricing_type: 'standard',
  graduated_prices: null,
  discounts: { '1': 0, '500': 10, '1000': 20 },
  link,
  panel: true,
};
const aiChatbots: TarifDetailsObject = {
  ...viewers,
  id: 2,
  type: 'ai_chatbots',
  hourly: true,
  price: 135,
  pricing_type: 'graduated',
  graduated_prices: { '0': 135, '101': 180, '201': 270 },
};
const kickViewers: TarifDetailsObject = {
  ...viewers,
  id: 4,
  count: { min: 10, max: 5000 },
  price: 1,
  discounts: { '1': 0, '1000': 15 },
};
const followers: TarifDetailsObject = { ...viewers, id: 5, price: 3, discounts: { '1': 0, '1000': 10 } };

const quote = (tarif: TarifDetailsObject, quantity?: number, duration?: number) =>
  quoteTarif(tarif, { quantity, duration }).toFixed(2);

describe('pricing from the published tariff (TarifDetailsObject)', () => {
  it('standard: price / count * quantity * duration * (1 - volume discount%)', () => {
    expect(quote(viewers, 100, 1)).toBe('5.00');
    expect(quote(viewers, 499, 2)).toBe('49.90');
    expect(quote(viewers, 500, 1)).toBe('22.50');
    // The upstream request example: {"tarif":{"id":1,"quantity":1000,"duration":24}}
    expect(quote(viewers, 1000, 24)).toBe('960.00');
    expect(quote(followers, 1000)).toBe('27.00');
  });

  it('graduated: the tier of the quantity times the hours of an hourly tariff (the documented 135/180/270)', () => {
    expect(quote(aiChatbots, 50)).toBe('135.00');
    expect(quote(aiChatbots, 150)).toBe('180.00');
    expect(quote(aiChatbots, 250)).toBe('270.00');
    expect(quote(aiChatbots, 150, 3)).toBe('540.00');
    expect(quote(aiChatbots, 100, 24)).toBe('3240.00');
  });

  it('custom count: the price is for the minimum, the range comes from {min, max}', () => {
    expect(baseQuantity(kickViewers)).toBe(10);
    expect(quantityRange(kickViewers)).toEqual({ min: 10, max: 5000 });
    expect(quantityRange(viewers)).toBeNull();
    expect(quote(kickViewers, 10, 1)).toBe('1.00');
    expect(quote(kickViewers, 999, 2)).toBe('199.80');
    expect(quote(kickViewers, 1000, 3)).toBe('255.00');
  });

  it('defaults quantity to the base quantity and duration to 1', () => {
    expect(resolveCartTarif(viewers, {})).toEqual({ quantity: 100, duration: 1 });
    expect(resolveCartTarif(kickViewers, { duration: 4 })).toEqual({ quantity: 10, duration: 4 });
    expect(quote(viewers)).toBe('5.00');
    expect(quote(aiChatbots)).toBe('135.00');
    expect(quote(kickViewers)).toBe('1.00');
  });

  it('recovers the base price when the base quantity itself is discounted', () => {
    const discounted = { ...viewers, price: 4.5, discounts: { '1': 10, '1000': 20 } };
    expect(pricingOf(discounted)).toMatchObject({ type: 'standard', count: 100 });
    expect(quote(discounted, 100)).toBe('4.50');
    expect(quote(discounted, 1000, 2)).toBe('80.00');
  });

  it('reports quantities the tariff itself rules out, with upstream field names', () => {
    expect(cartTarifProblems(kickViewers, { quantity: 9 })).toEqual({
      'tarif.quantity': ['Quantity must be between 10 and 5000 for this tarif.'],
    });
    expect(Object.keys(cartTarifProblems(kickViewers, { quantity: 5001 }))).toEqual(['tarif.quantity']);
    expect(cartTarifProblems(kickViewers, { quantity: 5000 })).toEqual({});
    const fromTen = { ...aiChatbots, graduated_prices: { '10': 100, '50': 90 } };
    expect(cartTarifProblems(fromTen, { quantity: 9 })).toEqual({
      'tarif.quantity': ['Quantity must be at least 10 for this tarif.'],
    });
    expect(cartTarifProblems(viewers, { quantity: 10000, duration: 24 })).toEqual({});
  });

  it('refuses tariffs it cannot price', () => {
    expect(tarifPricingProblems(viewers)).toEqual([]);
    expect(tarifPricingProblems(aiChatbots)).toEqual([]);
    expect(tarifPricingProblems(kickViewers)).toEqual([]);
    const broken = (patch: Record<string, unknown>) =>
      tarifPricingProblems({ ...viewers, ...patch } as TarifDetailsObject);
    expect(broken({ pricing_type: 'auction' })).toEqual(['pricing_type "auction" is unknown']);
    expect(broken({ price: '5' })).toEqual(['price is not a non-negative number']);
    expect(broken({ count: 0 })).toHaveLength(1);
    expect(broken({ count: { min: 5, max: 1 } })).toHaveLength(1);
    expect(broken({ discounts: { '1': 100 } })).toEqual([
      'the discount of the base quantity is 100% or more',
    ]);
    expect(broken({ pricing_type: 'graduated', graduated_prices: null })).toHaveLength(1);
    expect(broken({ pricing_type: 'graduated', graduated_prices: { x: 1 } })).toHaveLength(1);
  });
});
