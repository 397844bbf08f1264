import Decimal from 'decimal.js';

/** Thresholds (as JSON object keys) mapped to a value: the entry with the highest threshold <= quantity applies. */
export type ThresholdMap<T> = Record<string, T>;

export interface StandardPricing {
  type: 'standard';
  /** Price of `count` units for one duration unit, before volume discounts. */
  basePrice: Decimal.Value;
  count: number;
  /** Volume discount percentages by quantity threshold, e.g. {"1":0,"500":10,"1000":20}. */
  discounts: ThresholdMap<number>;
}

export interface GraduatedPricing {
  type: 'graduated';
  /** Price per duration unit by quantity threshold, all discounts already applied. */
  tiers: ThresholdMap<Decimal.Value>;
}

export type Pricing = StandardPricing | GraduatedPricing;

export interface PricedCart {
  quantity: number;
  duration: number;
}

/** The entry of `map` with the highest threshold <= quantity, or undefined below the lowest threshold. */
export function pickThreshold<T>(map: ThresholdMap<T>, quantity: number): T | undefined {
  const threshold = Object.keys(map)
    .map(Number)
    .filter((t) => t <= quantity)
    .sort((a, b) => b - a)[0];
  return threshold === undefined ? undefined : map[String(threshold)];
}

export function volumeDiscountPercent(discounts: ThresholdMap<number>, quantity: number): number {
  return pickThreshold(discounts, quantity) ?? 0;
}

/**
 * StreamSkill's documented pricing. Standard: base_price / count * quantity * duration * (1 - discount%).
 * Graduated: tier price * duration (`discounts` does not apply). Exact decimal arithmetic, rounded
 * half-up to 2 decimals once, at the end. The sandbox account has no personal discount (factor 1).
 */
export function quotePrice(pricing: Pricing, cart: PricedCart): Decimal {
  const raw = pricing.type === 'standard' ? standardPrice(pricing, cart) : graduatedPrice(pricing, cart);
  return raw.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

function standardPrice(pricing: StandardPricing, { quantity, duration }: PricedCart): Decimal {
  const discount = new Decimal(volumeDiscountPercent(pricing.discounts, quantity)).div(100);
  return new Decimal(pricing.basePrice)
    .div(pricing.count)
    .mul(quantity)
    .mul(duration)
    .mul(new Decimal(1).minus(discount));
}

function graduatedPrice(pricing: GraduatedPricing, { quantity, duration }: PricedCart): Decimal {
  const tier = pickThreshold(pricing.tiers, quantity);
  if (tier === undefined) throw new RangeError(`No graduated tier covers quantity ${quantity}`);
  return new Decimal(tier).mul(duration);
}
