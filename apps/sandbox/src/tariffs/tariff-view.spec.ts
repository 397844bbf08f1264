import { cartTarifProblems, quotePrice, quoteTarif, type TarifDetailsObject } from '@app/streamskill';
import { pricingIn, TARIFF_CATALOG } from './tariff-catalog';
import { tariffView } from './tariff-view';

const QUANTITIES = [1, 9, 10, 11, 99, 100, 101, 150, 200, 201, 333, 499, 500, 999, 1000, 4999, 5000, 10000];
const DURATIONS = [1, 2, 7, 24];

describe('the published tariff (GET /tarifs/{id}) prices carts exactly as the sandbox charges them', () => {
  for (const currency of ['usd', 'rub'] as const) {
    it.each(TARIFF_CATALOG.map((tariff) => [tariff.id, tariff]))(`tariff %i in ${currency}`, (_, tariff) => {
      const published = tariffView(tariff, 'en', currency) as TarifDetailsObject;
      const charged = pricingIn(tariff, currency);
      for (const quantity of QUANTITIES.filter((q) => q >= tariff.quantity.min && q <= tariff.quantity.max)) {
        for (const duration of DURATIONS) {
          expect(cartTarifProblems(published, { quantity, duration })).toEqual({});
          expect(quoteTarif(published, { quantity, duration }).toFixed(2)).toBe(
            quotePrice(charged, { quantity, duration }).toFixed(2),
          );
        }
      }
      expect(quoteTarif(published, {}).toFixed(2)).toBe(
        quotePrice(charged, { quantity: tariff.quantity.default, duration: 1 }).toFixed(2),
      );
    });
  }
});
