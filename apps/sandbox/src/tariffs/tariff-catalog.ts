import Decimal from 'decimal.js';
import type { Pricing } from '@app/streamskill';
import type { Currency, SandboxTariff } from './tariff.types';

const TWITCH_LINK = { prefix: 'https://www.twitch.tv/', placeholder: 'twitch' };

/** The sandbox's fixed catalog (documented in apps/sandbox/README.md; keep both in sync). */
export const TARIFF_CATALOG: readonly SandboxTariff[] = [
  {
    id: 1,
    type: 'twitch_viewers',
    service: 'twitch',
    title: { en: 'Twitch Viewers', ru: 'Зрители Twitch' },
    text: {
      en: ['Live viewers for your stream', 'Priced per day'],
      ru: ['Живые зрители на стриме', 'Цена за день'],
    },
    hourly: false,
    durationUnit: 'day',
    count: 100,
    quantity: { min: 1, max: 10000, default: 100 },
    pricing: {
      type: 'standard',
      basePrice: '5.00',
      count: 100,
      discounts: { '1': 0, '500': 10, '1000': 20 },
    },
    discounts: { '1': 0, '500': 10, '1000': 20 },
    customInterval: null,
    supportsStart: true,
    supportsProlong: true,
    editAction: 'edit-twitch-viewers',
    chatbot: false,
    link: TWITCH_LINK,
    panel: true,
  },
  {
    id: 2,
    type: 'ai_chatbots',
    service: 'twitch',
    title: { en: 'AI Chatbot', ru: 'ИИ-чатботы' },
    text: { en: ['Up to 350 chatbots', 'AI-powered chat'], ru: ['До 350 чатботов', 'Чат на основе ИИ'] },
    hourly: true,
    durationUnit: 'hour',
    count: 100,
    quantity: { min: 1, max: 350, default: 100 },
    pricing: { type: 'graduated', tiers: { '0': 135, '101': 180, '201': 270 } },
    discounts: { '1': 0, '500': 10, '1000': 20 },
    customInterval: null,
    supportsStart: true,
    supportsProlong: true,
    editAction: 'edit-ai-chatbots',
    chatbot: true,
    link: TWITCH_LINK,
    panel: true,
  },
  {
    id: 3,
    type: 'chatbots',
    service: 'twitch',
    title: { en: 'Twitch Chatbots', ru: 'Чатботы Twitch' },
    text: {
      en: ['Scripted chat messages', 'Priced per hour'],
      ru: ['Сообщения в чате по сценарию', 'Цена за час'],
    },
    hourly: true,
    durationUnit: 'hour',
    count: 10,
    quantity: { min: 1, max: 500, default: 10 },
    pricing: { type: 'standard', basePrice: '1.00', count: 10, discounts: { '1': 0, '50': 5, '100': 10 } },
    discounts: { '1': 0, '50': 5, '100': 10 },
    customInterval: null,
    supportsStart: true,
    supportsProlong: true,
    editAction: 'edit-chatbot',
    chatbot: true,
    link: TWITCH_LINK,
    panel: true,
  },
  {
    id: 4,
    type: 'kick_viewers',
    service: 'kick',
    title: { en: 'Kick Viewers (custom count)', ru: 'Зрители Kick (своё количество)' },
    text: { en: ['Choose from 10 to 5000 viewers'], ru: ['От 10 до 5000 зрителей'] },
    hourly: false,
    durationUnit: 'day',
    count: { min: 10, max: 5000 },
    quantity: { min: 10, max: 5000, default: 10 },
    pricing: { type: 'standard', basePrice: '1.00', count: 10, discounts: { '1': 0, '1000': 15 } },
    discounts: { '1': 0, '1000': 15 },
    customInterval: null,
    supportsStart: true,
    supportsProlong: true,
    editAction: null,
    chatbot: false,
    link: { prefix: 'https://kick.com/', placeholder: 'kick' },
    panel: false,
  },
  {
    id: 5,
    type: 'twitch_followers',
    service: 'twitch',
    title: { en: 'Twitch Followers', ru: 'Фолловеры Twitch' },
    text: { en: ['Followers delivered at your interval'], ru: ['Фолловеры с заданным интервалом'] },
    hourly: false,
    durationUnit: null,
    count: 100,
    quantity: { min: 1, max: 10000, default: 100 },
    pricing: { type: 'standard', basePrice: '3.00', count: 100, discounts: { '1': 0, '1000': 10 } },
    discounts: { '1': 0, '1000': 10 },
    customInterval: { default: 60 },
    supportsStart: true,
    supportsProlong: false,
    editAction: 'edit-twitch-followers',
    chatbot: false,
    link: TWITCH_LINK,
    panel: true,
  },
  {
    id: 6,
    type: 'youtube_views',
    service: 'youtube',
    title: { en: 'YouTube Video Views', ru: 'Просмотры видео YouTube' },
    text: {
      en: ['Views for one video', 'Starts on its own'],
      ru: ['Просмотры одного видео', 'Запускается сам'],
    },
    hourly: false,
    durationUnit: null,
    count: 1000,
    quantity: { min: 100, max: 10000, default: 1000 },
    pricing: { type: 'standard', basePrice: '2.00', count: 1000, discounts: {} },
    discounts: {},
    customInterval: null,
    supportsStart: false,
    supportsProlong: false,
    editAction: null,
    chatbot: false,
    link: { prefix: 'https://www.youtube.com/watch?v=', placeholder: 'dQw4w9WgXcQ' },
    panel: false,
  },
];

/** RUB prices are the USD prices times this rate. */
export const RUB_PER_USD = 90;

export function findTariff(id: number): SandboxTariff | undefined {
  return TARIFF_CATALOG.find((tariff) => tariff.id === id);
}

export function pricingIn(tariff: SandboxTariff, currency: Currency): Pricing {
  const rate = currency === 'rub' ? RUB_PER_USD : 1;
  const { pricing } = tariff;
  if (pricing.type === 'standard') return { ...pricing, basePrice: new Decimal(pricing.basePrice).mul(rate) };
  const tiers = Object.fromEntries(
    Object.entries(pricing.tiers).map(([k, v]) => [k, new Decimal(v).mul(rate)]),
  );
  return { type: 'graduated', tiers };
}
