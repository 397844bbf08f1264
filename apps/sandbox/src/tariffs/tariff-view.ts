import { quotePrice } from '@app/streamskill';
import { pricingIn } from './tariff-catalog';
import type { Currency, Language, SandboxTariff } from './tariff.types';

/** The tariff as GET /tarifs/{id} shows it (TarifDetailsObject), localized and priced in `currency`. */
export function tariffView(tariff: SandboxTariff, language: Language, currency: Currency) {
  const pricing = pricingIn(tariff, currency);
  const defaultPrice = quotePrice(pricing, { quantity: tariff.quantity.default, duration: 1 });
  const lowestTierPrice =
    pricing.type === 'graduated' ? quotePrice(pricing, { quantity: 0, duration: 1 }) : defaultPrice;
  return {
    id: tariff.id,
    title: tariff.title[language],
    text: tariff.text[language],
    count: tariff.count,
    price: (pricing.type === 'graduated' ? lowestTierPrice : defaultPrice).toNumber(),
    type: tariff.type,
    hourly: tariff.hourly,
    pricing_type: pricing.type,
    graduated_prices:
      pricing.type === 'graduated'
        ? Object.fromEntries(Object.entries(pricing.tiers).map(([k, v]) => [k, Number(v.toString())]))
        : null,
    discounts: tariff.discounts,
    link: tariff.link,
    panel: tariff.panel,
  };
}

export type TariffView = ReturnType<typeof tariffView>;
