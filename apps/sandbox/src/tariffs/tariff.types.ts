import type { Pricing } from '@app/streamskill';

export type Language = 'en' | 'ru';
export type Currency = 'usd' | 'rub';
export type Service = 'twitch' | 'trovo' | 'kick' | 'youtube';
export type EditAction =
  'edit-twitch-viewers' | 'edit-twitch-followers' | 'edit-chatbot' | 'edit-ai-chatbots';

export interface SandboxTariff {
  id: number;
  /** StreamSkill's "group_id"; it also becomes the purchase's `order_type`. */
  type: string;
  service: Service;
  title: Record<Language, string>;
  text: Record<Language, string[]>;
  hourly: boolean;
  /** What `tarif.duration` and prolong `count` measure; null = the tariff has no duration choice. */
  durationUnit: 'hour' | 'day' | null;
  /** As shown by GET /tarifs/{id}: an integer, or {min,max} for custom-count tariffs. */
  count: number | { min: number; max: number };
  quantity: { min: number; max: number; default: number };
  /** Prices in USD; see `pricingIn` for other currencies. */
  pricing: Pricing;
  /** The `discounts` map shown by GET /tarifs/{id} (for graduated tariffs it is shown but not applied). */
  discounts: Record<string, number>;
  /** Default interval in seconds when the tariff accepts `interval`; null = interval is ignored. */
  customInterval: { default: number } | null;
  supportsStart: boolean;
  supportsProlong: boolean;
  editAction: EditAction | null;
  chatbot: boolean;
  link: { prefix: string; placeholder: string };
  panel: boolean;
}
