import { Prisma } from '@app/database';
import type { CatalogTarif } from '@app/database';
import type { CartObject, TarifDetailsObject } from '@app/streamskill';
import { cartProblems, isCatalogId } from './cart-rules';

const details = (patch: Partial<TarifDetailsObject>): TarifDetailsObject => ({
  id: 1,
  title: 'Twitch Viewers',
  text: [],
  count: 100,
  price: 5,
  type: 'twitch_viewers',
  hourly: false,
  pricing_type: 'standard',
  graduated_prices: null,
  discounts: { '1': 0 },
  link: { prefix: 'https://www.twitch.tv/', placeholder: 'twitch' },
  panel: true,
  ...patch,
});

const entry = (patch: Partial<CatalogTarif> = {}, tarif: Partial<TarifDetailsObject> = {}): CatalogTarif => ({
  id: 1,
  enabled: true,
  markupPercent: new Prisma.Decimal(0),
  supportsDuration: true,
  details: details(tarif) as unknown as Prisma.JsonValue,
  detailsRu: null,
  fetchedAt: new Date(),
  createdAt: new Date(),
  updatedAt: new Date(),
  ...patch,
});

const cart = (tarif: CartObject['tarif']): CartObject => ({ tarif, channel: 'twitch' });

describe('cart rules of the catalog', () => {
  it('answers "Tarif not found" for a tariff missing from the catalog or disabled, as StreamSkill does', () => {
    expect(cartProblems(null, cart({ id: 1 }))).toEqual({ 'tarif.id': ['Tarif not found'] });
    expect(cartProblems(entry({ enabled: false }), cart({ id: 1 }))).toEqual({
      'tarif.id': ['Tarif not found'],
    });
  });

  it('accepts what the tariff allows', () => {
    expect(cartProblems(entry(), cart({ id: 1, quantity: 10000, duration: 24 }))).toEqual({});
    expect(cartProblems(entry({ supportsDuration: false }), cart({ id: 1, duration: 1 }))).toEqual({});
  });

  it('refuses a quantity outside a custom count', () => {
    const custom = entry({}, { count: { min: 10, max: 5000 } });
    expect(cartProblems(custom, cart({ id: 4, quantity: 5 }))).toEqual({
      'tarif.quantity': ['Quantity must be between 10 and 5000 for this tarif.'],
    });
  });

  it('refuses a duration other than 1 on a tariff without duration', () => {
    expect(cartProblems(entry({ supportsDuration: false }), cart({ id: 5, duration: 2 }))).toEqual({
      'tarif.duration': ['This tarif does not support duration.'],
    });
  });

  it('reports every problem at once', () => {
    const custom = entry({ supportsDuration: false }, { count: { min: 10, max: 20 } });
    expect(Object.keys(cartProblems(custom, cart({ id: 4, quantity: 21, duration: 3 }))).sort()).toEqual([
      'tarif.duration',
      'tarif.quantity',
    ]);
  });

  it('knows which ids can be catalog ids', () => {
    expect(isCatalogId(1)).toBe(true);
    expect(isCatalogId(2_147_483_647)).toBe(true);
    expect(isCatalogId(2_147_483_648)).toBe(false);
    expect(isCatalogId(1e300)).toBe(false);
  });
});
