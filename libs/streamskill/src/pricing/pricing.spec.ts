import {
  pickThreshold,
  quotePrice,
  volumeDiscountPercent,
  type GraduatedPricing,
  type StandardPricing,
} from './pricing';

const graduated: GraduatedPricing = { type: 'graduated', tiers: { '0': 135, '101': 180, '201': 270 } };
const standard: StandardPricing = {
  type: 'standard',
  basePrice: '5.00',
  count: 100,
  discounts: { '1': 0, '500': 10, '1000': 20 },
};

describe('pricing', () => {
  it('prices graduated tiers as documented: 50 -> 135/h, 150 -> 180/h, 250 -> 270/h', () => {
    expect(quotePrice(graduated, { quantity: 50, duration: 1 }).toFixed(2)).toBe('135.00');
    expect(quotePrice(graduated, { quantity: 150, duration: 1 }).toFixed(2)).toBe('180.00');
    expect(quotePrice(graduated, { quantity: 250, duration: 1 }).toFixed(2)).toBe('270.00');
  });

  it('multiplies the graduated tier by hours and switches tier exactly at the threshold', () => {
    expect(quotePrice(graduated, { quantity: 100, duration: 3 }).toFixed(2)).toBe('405.00');
    expect(quotePrice(graduated, { quantity: 101, duration: 3 }).toFixed(2)).toBe('540.00');
  });

  it('ignores discounts for graduated pricing (they are already included in the tiers)', () => {
    expect(quotePrice(graduated, { quantity: 1000, duration: 1 }).toFixed(2)).toBe('270.00');
  });

  it('prices standard tariffs as base / count * quantity * duration * (1 - discount%)', () => {
    expect(quotePrice(standard, { quantity: 100, duration: 1 }).toFixed(2)).toBe('5.00');
    expect(quotePrice(standard, { quantity: 499, duration: 2 }).toFixed(2)).toBe('49.90');
    expect(quotePrice(standard, { quantity: 500, duration: 1 }).toFixed(2)).toBe('22.50');
    expect(quotePrice(standard, { quantity: 1000, duration: 24 }).toFixed(2)).toBe('960.00');
  });

  it('rounds half up to 2 decimals once, at the end', () => {
    const thirds: StandardPricing = { type: 'standard', basePrice: '1', count: 3, discounts: {} };
    expect(quotePrice(thirds, { quantity: 1, duration: 1 }).toFixed(2)).toBe('0.33');
    expect(quotePrice(thirds, { quantity: 2, duration: 1 }).toFixed(2)).toBe('0.67');
    expect(quotePrice(thirds, { quantity: 3, duration: 7 }).toFixed(2)).toBe('7.00');
    const halfCent: StandardPricing = { type: 'standard', basePrice: '0.125', count: 1, discounts: {} };
    expect(quotePrice(halfCent, { quantity: 1, duration: 1 }).toFixed(2)).toBe('0.13');
  });

  it('picks the highest threshold not above the quantity', () => {
    expect(volumeDiscountPercent(standard.discounts, 1)).toBe(0);
    expect(volumeDiscountPercent(standard.discounts, 999)).toBe(10);
    expect(volumeDiscountPercent(standard.discounts, 10000)).toBe(20);
    expect(volumeDiscountPercent({ '10': 5 }, 9)).toBe(0);
    expect(pickThreshold({ '0': 'a', '101': 'b' }, 100)).toBe('a');
  });
});
