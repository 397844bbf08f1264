import { MAX_BULK_IDS, PURCHASE_EXPANDS, type Language, type PurchaseExpand } from '@app/streamskill';
import { GatewayError, validationFailed } from '../../errors/gateway-error';

export type QueryValue = string | string[] | undefined;

const POSITIVE_INT = /^[1-9]\d{0,14}$/;
/** Purchase ids are PostgreSQL integers: a larger id is valid input that matches nothing. */
export const MAX_PURCHASE_ID = 2_147_483_647;

/**
 * The language to ask StreamSkill for, read leniently as upstream does: Russian when the first tag is
 * ru or ru-*, English for any other tag, the gateway's default when there is no header.
 */
export function languageOf(acceptLanguage: string | undefined): Language | undefined {
  const primary = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  if (!primary) return undefined;
  return primary === 'ru' || primary.startsWith('ru-') ? 'ru' : 'en';
}

/** `expand` as a comma-separated list of tarif, parent, api, chatbot; anything else is a 422 on `expand`. */
export function parseExpand(raw: QueryValue): Set<PurchaseExpand> {
  const text = Array.isArray(raw) ? raw.join(',') : raw;
  if (text === undefined || text.trim() === '') return new Set();
  const values = text.split(',').map((value) => value.trim());
  const unknown = values.filter((value) => !(PURCHASE_EXPANDS as readonly string[]).includes(value));
  if (unknown.length) {
    throw validationFailed({
      expand: [`Unknown expand value(s): ${unknown.join(', ')}. Allowed: ${PURCHASE_EXPANDS.join(', ')}.`],
    });
  }
  return new Set(values as PurchaseExpand[]);
}

/** `ids=1,2,3`: 1..100 positive integers, duplicates dropped, order kept. */
export function parseIdList(raw: QueryValue): number[] {
  const text = (Array.isArray(raw) ? raw.join(',') : raw)?.trim();
  if (!text) throw validationFailed({ ids: ['Ids cannot be blank.'] });
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length > MAX_BULK_IDS) {
    throw validationFailed({ ids: [`Ids must contain at most ${MAX_BULK_IDS} values.`] });
  }
  const invalid = parts.filter((part) => !POSITIVE_INT.test(part));
  if (invalid.length) {
    throw validationFailed({ ids: [`Ids must be positive integers; invalid: ${invalid.join(', ')}.`] });
  }
  return [...new Set(parts.map(Number))];
}

/** A path id that cannot be a purchase id is a missing purchase, as upstream answers it. */
export function parsePurchaseId(raw: string): number {
  if (!isPurchaseId(raw)) throw purchaseNotFound();
  return Number(raw);
}

export function purchaseNotFound(): GatewayError {
  return new GatewayError(404, 'not_found_http_exception', 'Purchase not found.');
}

function isPurchaseId(text: string): boolean {
  return POSITIVE_INT.test(text) && Number(text) <= MAX_PURCHASE_ID;
}
