import type { Language } from '@app/streamskill';

/**
 * The language of tariff texts, read leniently as StreamSkill does: Russian when the first tag of
 * Accept-Language is ru or ru-*, English for any other tag, `fallback` without the header.
 */
export function responseLanguage(acceptLanguage: string | undefined, fallback: Language): Language {
  const primary = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  if (!primary) return fallback;
  return primary === 'ru' || primary.startsWith('ru-') ? 'ru' : 'en';
}
