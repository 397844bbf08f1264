import { Decimal } from 'decimal.js';

/** Amounts travel as decimal strings ("12.50"): never JavaScript floats. */
export const DECIMAL_STRING = /^-?\d{1,14}(\.\d{1,4})?$/;

export function toMoneyString(value: Decimal.Value | { toString(): string }, places = 2): string {
  return new Decimal(value.toString()).toFixed(places, Decimal.ROUND_HALF_UP);
}
