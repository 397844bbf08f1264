/** CartObject.lang (from the seed); also accepted by edit-ai-chatbots `language`. */
export const STREAM_LANGUAGES = [
  'auto', 'en', 'ru', 'uk', 'de', 'es', 'fr', 'it', 'pt', 'pl', 'tr', 'ar', 'zh', 'ja', 'ko', 'hi', 'th', 'vi',
  'id', 'ms', 'tl', 'ca', 'da', 'nl', 'no', 'ro', 'sk', 'fi', 'sv', 'cs', 'el', 'bg', 'hu', 'zh-hk', 'other',
] as const; // prettier-ignore
