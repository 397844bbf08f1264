/**
 * Request and response shapes of StreamSkill API v1, as published (contract/streamskill-openapi.yaml).
 * Where the documentation is loose the types stay loose rather than guess.
 */

export type Language = 'en' | 'ru';
export type Currency = 'usd' | 'rub';
export type Service = 'twitch' | 'trovo' | 'kick' | 'youtube';

export const PURCHASE_STATUSES = [
  'created',
  'awaiting',
  'working',
  'stopped',
  'completed',
  'failed',
  'deleted',
  'refunded',
] as const;
/** The documented enum; every published example says "active", which the enum lacks, so any string may come back. */
export type PurchaseStatus = (typeof PURCHASE_STATUSES)[number] | (string & {});

export const PURCHASE_EXPANDS = ['tarif', 'parent', 'api', 'chatbot'] as const;
export type PurchaseExpand = (typeof PURCHASE_EXPANDS)[number];
export const TARIF_EXPANDS = ['panel'] as const;
export type TarifExpand = (typeof TARIF_EXPANDS)[number];

export const STREAM_LANGUAGES = [
  'auto',
  'en',
  'ru',
  'uk',
  'de',
  'es',
  'fr',
  'it',
  'pt',
  'pl',
  'tr',
  'ar',
  'zh',
  'ja',
  'ko',
  'hi',
  'th',
  'vi',
  'id',
  'ms',
  'tl',
  'ca',
  'da',
  'nl',
  'no',
  'ro',
  'sk',
  'fi',
  'sv',
  'cs',
  'el',
  'bg',
  'hu',
  'zh-hk',
  'other',
] as const;
/** Stream language of AI chatbot tariffs (CartObject.lang). */
export type StreamLanguage = (typeof STREAM_LANGUAGES)[number];

export interface TarifObject {
  id: number;
  /** 1..10000, when the tariff supports a custom quantity. */
  quantity?: number;
  /** 1..24 (hours for hourly tariffs, probably days otherwise), default 1. */
  duration?: number;
}

export interface CartObject {
  tarif: TarifObject;
  channel: string;
  /** 1..86400, when the tariff supports a custom interval. */
  interval?: number;
  comment?: string;
  start?: boolean;
  lang?: StreamLanguage;
}

interface PurchaseFields {
  id: number;
  price: number;
  currency: Currency;
  /** Unix timestamp, seconds. */
  created_at: number;
  order_type: string;
  channel: string;
  status: PurchaseStatus;
  service: Service;
  parent: boolean;
  api: boolean;
  chatbot: boolean;
  /** Tariff id. */
  tarif: number;
}

/**
 * A purchase. Fields named in `E` were requested through `expand`; what an expanded field looks like
 * is undocumented, so they become `unknown`.
 */
export type PurchaseObject<E extends PurchaseExpand = never> = Omit<PurchaseFields, E> & {
  [K in E]: unknown;
};

export interface BulkPurchasesObject<E extends PurchaseExpand = never> {
  items: PurchaseObject<E>[];
  /** Ids that do not exist or belong to another account. */
  missing_ids: number[];
}

export interface BulkIdsObject {
  /** 1..100 order ids. */
  ids: number[];
}

export interface ProlongObject {
  /** Hours for hourly tariffs, days otherwise. */
  count: number;
}

export type OnlineMode = 'smooth_only' | 'smooth_floating' | 'manual';

/** Every field optional: send only what changes. Manual mode needs all four manual_chart_* fields. */
export interface EditTwitchViewersObject {
  channel?: string;
  threads?: number;
  stream_views?: number;
  uniq_viewers?: number;
  raid?: boolean;
  raid_time?: number;
  connect_time?: number;
  online_mode?: OnlineMode;
  /** Minute -> viewer count; first key "0", last key 10..180. */
  manual_chart?: Record<string, number>;
  manual_chart_randomization?: number;
  manual_chart_end_action?: string;
  manual_chart_end_param?: number;
  geo?: string;
  geo_percent?: number;
  chatlist?: number;
}

export interface EditTwitchFollowersObject {
  channel?: string;
  /** Seconds between followers, 1..86400. */
  interval?: number;
  floating_interval?: boolean;
}

export interface EditChatbotObject {
  interval?: number;
  /** 0 = random, 1 = sequential. */
  mode?: 0 | 1;
  phrases?: string[];
}

export interface EditAiChatbotsObject {
  language?: string;
  count?: number;
  /** Seconds between messages, 1..60 (at least ceil(60 / count)). */
  interval?: number;
}

export interface ActionSuccess {
  status: string;
}

/** The bulk-stop result schema is cut off in the published docs: kept as an opaque record. */
export type BulkStopResult = Record<string, unknown>;

export type PricingType = 'standard' | 'graduated';

export interface TarifDetailsObject {
  id: number;
  title: string;
  text: string[];
  /** A single integer, or `{min, max}` for custom_count tariffs. */
  count: number | { min: number; max: number };
  /** Already discounted: default quantity (standard) or the lowest tier (graduated). */
  price: number;
  type: string;
  hourly: boolean;
  pricing_type: PricingType;
  /** Threshold -> price, discounts applied; null for standard tariffs. */
  graduated_prices: Record<string, number> | null;
  /** Threshold -> discount (looks like percent; undocumented). */
  discounts: Record<string, number>;
  link: { prefix: string; placeholder: string };
  panel: boolean;
}
