import { fieldError, notFound } from '../common/sandbox-error';
import type { Language } from '../tariffs/tariff.types';

/**
 * The response language: the first tag of Accept-Language when it is Russian, English otherwise
 * (lenient on purpose: browsers send "ru-RU,ru;q=0.9", and StreamSkill's default is en).
 */
export function languageOf(acceptLanguage: string | undefined): Language {
  const primary = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim().toLowerCase() ?? '';
  return primary === 'ru' || primary.startsWith('ru-') ? 'ru' : 'en';
}

/** A path id: a positive integer, otherwise the resource simply does not exist (404, as for a route miss). */
export function parsePathId(raw: string, notFoundMessage: string): number {
  if (!/^[1-9]\d{0,14}$/.test(raw)) throw notFound(notFoundMessage);
  return Number(raw);
}

export type QueryValue = string | string[] | undefined;

function joinQuery(value: QueryValue): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** `expand` as a comma-separated list of the allowed values; anything else is a 422. */
export function parseExpand<T extends string>(raw: QueryValue, allowed: readonly T[]): Set<T> {
  const text = joinQuery(raw);
  if (text === undefined || text === '') return new Set();
  const values = text.split(',').map((value) => value.trim());
  const unknown = values.filter((value) => !(allowed as readonly string[]).includes(value));
  if (unknown.length) {
    throw fieldError(
      'expand',
      `Unknown expand value(s): ${unknown.join(', ')}. Allowed: ${allowed.join(', ')}.`,
    );
  }
  return new Set(values as T[]);
}

export const MAX_BULK_IDS = 100;

/** `ids=1,2,3`: 1..100 positive integers, duplicates dropped, order kept. */
export function parseIdList(raw: QueryValue): number[] {
  const text = joinQuery(raw)?.trim();
  if (!text) throw fieldError('ids', 'Ids cannot be blank.');
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length > MAX_BULK_IDS)
    throw fieldError('ids', `Ids must contain at most ${MAX_BULK_IDS} values.`);
  const invalid = parts.filter((part) => !/^[1-9]\d{0,14}$/.test(part));
  if (invalid.length)
    throw fieldError('ids', `Ids must be positive integers; invalid: ${invalid.join(', ')}.`);
  return [...new Set(parts.map(Number))];
}
