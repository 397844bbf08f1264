/**
 * Minimal checks on 2xx bodies: enough to be sure what came back is the thing asked for (a purchase
 * with an id, a list of them...). Anything else is reported as a malformed, ambiguous answer.
 */
export interface ResponseShape {
  /** What was expected, for the error message. */
  description: string;
  matches(value: unknown): boolean;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 1;
}

function isPurchase(value: unknown): boolean {
  return isRecord(value) && isPositiveInteger(value.id);
}

export const SHAPES = {
  purchase: { description: 'a purchase with a positive integer id', matches: isPurchase },
  purchaseList: {
    description: 'an array of purchases with positive integer ids',
    matches: (value) => Array.isArray(value) && value.every(isPurchase),
  },
  bulkPurchases: {
    description: 'an object with items (purchases) and missing_ids (integers)',
    matches: (value) =>
      isRecord(value) &&
      Array.isArray(value.items) &&
      value.items.every(isPurchase) &&
      Array.isArray(value.missing_ids) &&
      value.missing_ids.every((id) => Number.isInteger(id)),
  },
  actionSuccess: {
    description: 'an action result with a string status',
    matches: (value) => isRecord(value) && typeof value.status === 'string',
  },
  object: { description: 'a JSON object', matches: isRecord },
  tarif: {
    description: 'a tariff with a positive integer id',
    matches: (value) => isRecord(value) && isPositiveInteger(value.id),
  },
} as const satisfies Record<string, ResponseShape>;
