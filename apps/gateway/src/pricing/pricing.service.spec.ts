import { Prisma } from '@app/database';
import type { CatalogTarif, PrismaService } from '@app/database';
import type { CartObject, TarifDetailsObject } from '@app/streamskill';
import type { CatalogStore } from '../catalog/catalog-store';
import { GatewayError } from '../errors/gateway-error';
import { loadGatewayConfig } from '../config/load-gateway-config';
import { PricingService } from './pricing.service';

const viewers: TarifDetailsObject = {
  id: 1,
  title: 'Twitch Viewers',
  text: ['Live viewers'],
  count: 100,
  price: 5,
  type: 'twitch_viewers',
  hourly: false,
  pricing_type: 'standard',
  graduated_prices: null,
  discounts: { '1': 0, '500': 10, '1000': 20 },
  link: { prefix: 'https://www.twitch.tv/', placeholder: 'twitch' },
  panel: true,
};
const aiChatbots: TarifDetailsObject = {
  ...viewers,
  id: 2,
  hourly: true,
  price: 135,
  pricing_type: 'graduated',
  graduated_prices: { '0': 135, '101': 180, '201': 270 },
};

function entry(details: TarifDetailsObject, patch: Partial<CatalogTarif> = {}): CatalogTarif {
  const now = new Date();
  return {
    id: details.id,
    enabled: true,
    markupPercent: null,
    supportsDuration: true,
    details: details as unknown as Prisma.JsonValue,
    detailsRu: null,
    fetchedAt: now,
    createdAt: now,
    updatedAt: now,
    ...patch,
  };
}

function pricing(options: {
  customerMarkup?: string | null;
  tariffs?: CatalogTarif[];
  defaultMarkup?: string;
}) {
  const tariffs = options.tariffs ?? [entry(viewers), entry(aiChatbots)];
  const customerMarkup = options.customerMarkup ?? null;
  const prisma = {
    customer: {
      findUnique: async ({ where }: { where: { id: string } }) =>
        where.id === 'c1'
          ? { markupPercent: customerMarkup === null ? null : new Prisma.Decimal(customerMarkup) }
          : null,
    },
  } as unknown as PrismaService;
  const store = {
    find: async (id: number) => tariffs.find((t) => t.id === id) ?? null,
  } as unknown as CatalogStore;
  const config = loadGatewayConfig({
    DATABASE_URL: 'postgresql://u@h/db',
    STREAMSKILL_API_TOKEN: 't',
    GATEWAY_KEY_PEPPER: 'pepper-0123456789abcdef0123456789abcdef',
    GATEWAY_DEFAULT_MARKUP_PERCENT: options.defaultMarkup ?? '0',
  });
  return new PricingService(prisma, store, config);
}

const cart = (tarif: CartObject['tarif']): CartObject => ({ tarif, channel: 'twitch' });

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

describe('PricingService', () => {
  it('quotes StreamSkill cost plus the customer markup, rounded once to cents', async () => {
    const quote = await pricing({ customerMarkup: '12.50' }).quote(
      'c1',
      cart({ id: 1, quantity: 1000, duration: 24 }),
    );
    expect(quote.upstreamCost.toFixed(2)).toBe('960.00');
    expect(quote.markupPercent.toFixed(2)).toBe('12.50');
    expect(quote.price.toFixed(2)).toBe('1080.00');
    expect(quote.currency).toBe('usd');
    expect(quote.tarif.id).toBe(1);
  });

  it('prices graduated hourly tariffs by tier times hours', async () => {
    const quote = await pricing({ customerMarkup: '10' }).quote(
      'c1',
      cart({ id: 2, quantity: 150, duration: 3 }),
    );
    expect(quote.upstreamCost.toFixed(2)).toBe('540.00');
    expect(quote.price.toFixed(2)).toBe('594.00');
  });

  it("falls back to the tariff's markup, then to GATEWAY_DEFAULT_MARKUP_PERCENT", async () => {
    const tariffs = [entry(viewers, { markupPercent: new Prisma.Decimal('20') }), entry(aiChatbots)];
    const service = pricing({ tariffs, defaultMarkup: '5' });
    expect((await service.quote('c1', cart({ id: 1 }))).price.toFixed(2)).toBe('6.00');
    expect((await service.quote('c1', cart({ id: 2 }))).price.toFixed(2)).toBe('141.75');
    const own = pricing({ tariffs, defaultMarkup: '5', customerMarkup: '0' });
    expect((await own.quote('c1', cart({ id: 1 }))).price.toFixed(2)).toBe('5.00');
  });

  it('answers StreamSkill\'s 422 "Tarif not found" for tariffs not resold', async () => {
    const service = pricing({ tariffs: [entry(viewers, { enabled: false })] });
    for (const id of [1, 2, 2_147_483_648]) {
      const error = await rejection(service.quote('c1', cart({ id })));
      expect(error.status).toBe(422);
      expect(error.fieldErrors).toEqual({ 'tarif.id': ['Tarif not found'] });
    }
  });

  it('refuses a duration on a tariff marked without one', async () => {
    const service = pricing({ tariffs: [entry(viewers, { supportsDuration: false })] });
    const error = await rejection(service.quote('c1', cart({ id: 1, duration: 2 })));
    expect(error.fieldErrors).toEqual({ 'tarif.duration': ['This tarif does not support duration.'] });
    expect((await service.quote('c1', cart({ id: 1, duration: 1 }))).price.toFixed(2)).toBe('5.00');
  });

  it('prices what upstream actually charged', () => {
    const service = pricing({});
    expect(service.customerPrice(new Prisma.Decimal('22.5'), new Prisma.Decimal('15')).toFixed(2)).toBe(
      '25.88',
    );
    expect(service.customerPrice('27.00', '0').toString()).toBe('27');
  });

  it("shows StreamSkill's tariff shape at the customer's prices", () => {
    const service = pricing({});
    const shown = service.pricedDetails(aiChatbots, new Prisma.Decimal('10'));
    expect(shown).toEqual({
      ...aiChatbots,
      price: 148.5,
      graduated_prices: { '0': 148.5, '101': 198, '201': 297 },
    });
    expect(service.pricedDetails(viewers, new Prisma.Decimal('15'))).toEqual({ ...viewers, price: 5.75 });
  });
});
