import Decimal from 'decimal.js';
import type { FieldErrors } from '@app/common';
import type { TarifDetailsObject, TarifObject } from '../streamskill.types';
import { pickThreshold, quotePrice, volumeDiscountPercent, type Pricing, type PricedCart } from './pricing';

/** What of a cart's `tarif` the price depends on. */
export type CartTarif = Pick<TarifObject, 'quantity' | 'duration'>;

/**
 * The quantity the tariff's `price` is quoted for and the default of `tarif.quantity`: `count`, or its
 * minimum for custom-count tariffs (the sandbox README: "the price is for `min` units").
 */
export function baseQuantity(tarif: TarifDetailsObject): number {
  return typeof tarif.count === 'number' ? tarif.count : tarif.count.min;
}

/** The quantities a custom-count tariff accepts; null when the tariff shape does not say. */
export function quantityRange(tarif: TarifDetailsObject): { min: number; max: number } | null {
  return typeof tarif.count === 'number' ? null : { min: tarif.count.min, max: tarif.count.max };
}

/** Quantity and duration with StreamSkill's defaults: the base quantity, and 1. */
export function resolveCartTarif(tarif: TarifDetailsObject, cart: CartTarif): PricedCart {
  return { quantity: cart.quantity ?? baseQuantity(tarif), duration: cart.duration ?? 1 };
}

/**
 * The pricing StreamSkill applies, read back from the published tariff. Standard: `price` is the
 * already discounted price of the base quantity for one duration unit, so the base price is
 * `price / (1 - discount(base quantity)%)`. Graduated: the tiers are `graduated_prices`.
 */
export function pricingOf(tarif: TarifDetailsObject): Pricing {
  if (tarif.pricing_type === 'graduated') {
    return { type: 'graduated', tiers: tarif.graduated_prices ?? {} };
  }
  const count = baseQuantity(tarif);
  const discountFactor = new Decimal(1).minus(
    new Decimal(volumeDiscountPercent(tarif.discounts, count)).div(100),
  );
  return {
    type: 'standard',
    basePrice: new Decimal(tarif.price).div(discountFactor),
    count,
    discounts: tarif.discounts,
  };
}

/**
 * What the tariff's own shape says about a cart, with upstream's field names and messages:
 * a quantity outside a custom count, or below the lowest graduated tier, cannot be bought.
 */
export function cartTarifProblems(tarif: TarifDetailsObject, cart: CartTarif): FieldErrors {
  const { quantity } = resolveCartTarif(tarif, cart);
  const range = quantityRange(tarif);
  if (range && (quantity < range.min || quantity > range.max)) {
    return {
      'tarif.quantity': [`Quantity must be between ${range.min} and ${range.max} for this tarif.`],
    };
  }
  const pricing = pricingOf(tarif);
  if (pricing.type === 'graduated' && pickThreshold(pricing.tiers, quantity) === undefined) {
    const lowest = Math.min(...Object.keys(pricing.tiers).map(Number));
    return { 'tarif.quantity': [`Quantity must be at least ${lowest} for this tarif.`] };
  }
  return {};
}

/** StreamSkill's price of a cart, 2 decimals; check `cartTarifProblems` first. */
export function quoteTarif(tarif: TarifDetailsObject, cart: CartTarif): Decimal {
  return quotePrice(pricingOf(tarif), resolveCartTarif(tarif, cart));
}

/** Why a tariff from upstream cannot be priced (an empty list: it can). */
export function tarifPricingProblems(tarif: TarifDetailsObject): string[] {
  const problems: string[] = [];
  const count = tarif.count as unknown;
  const countOk = isPositiveInteger(count) || (isRecord(count) && isRange(count.min, count.max));
  if (!countOk) problems.push('count is neither a positive integer nor {min, max}');
  if (!isNumberMap(tarif.discounts)) problems.push('discounts is not a map of numbers');
  if (tarif.pricing_type === 'graduated') {
    const tiers = tarif.graduated_prices;
    if (!isNumberMap(tiers) || Object.keys(tiers).length === 0 || !Object.keys(tiers).every(isThreshold))
      problems.push('graduated_prices is not a non-empty map of quantity thresholds to prices');
  } else if (tarif.pricing_type === 'standard') {
    if (!isFiniteNumber(tarif.price) || tarif.price < 0) problems.push('price is not a non-negative number');
    else if (countOk && isNumberMap(tarif.discounts) && discountAtBase(tarif) >= 100)
      problems.push('the discount of the base quantity is 100% or more');
  } else {
    problems.push(`pricing_type ${JSON.stringify(tarif.pricing_type)} is unknown`);
  }
  return problems;
}

function discountAtBase(tarif: TarifDetailsObject): number {
  return volumeDiscountPercent(tarif.discounts, baseQuantity(tarif));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isPositiveInteger(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 1;
}

function isRange(min: unknown, max: unknown): boolean {
  return isPositiveInteger(min) && isPositiveInteger(max) && (min as number) <= (max as number);
}

function isThreshold(key: string): boolean {
  return /^\d+$/.test(key);
}

function isNumberMap(value: unknown): value is Record<string, number> {
  return isRecord(value) && Object.values(value).every(isFiniteNumber);
}
