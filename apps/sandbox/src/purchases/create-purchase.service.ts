import { Injectable } from '@nestjs/common';
import { Account } from '../account/account';
import { Clock } from '../common/clock';
import { fieldError } from '../common/sandbox-error';
import { validateBody } from '../common/validate-body';
import { quotePrice } from '@app/streamskill';
import { findTariff, pricingIn } from '../tariffs/tariff-catalog';
import type { SandboxTariff } from '../tariffs/tariff.types';
import { CartDto } from './create-purchase.dto';
import { PurchaseStore } from './purchase-store';
import type { SandboxPurchase } from './purchase.types';

@Injectable()
export class CreatePurchaseService {
  constructor(
    private readonly account: Account,
    private readonly purchases: PurchaseStore,
    private readonly clock: Clock,
  ) {}

  /** Validates the cart, charges its price (402 when short) and records the purchase. */
  create(body: unknown): SandboxPurchase {
    const cart = validateBody(CartDto, body);
    const tariff = findTariff(cart.tarif.id);
    if (!tariff) throw fieldError('tarif.id', 'Tarif not found');
    const quantity = cart.tarif.quantity ?? tariff.quantity.default;
    const { min, max } = tariff.quantity;
    if (quantity < min || quantity > max) {
      throw fieldError('tarif.quantity', `Quantity must be between ${min} and ${max} for this tarif.`);
    }
    if (tariff.durationUnit === null && cart.tarif.duration !== undefined && cart.tarif.duration !== 1) {
      throw fieldError('tarif.duration', 'This tarif does not support duration.');
    }
    if (cart.start && !tariff.supportsStart) throw fieldError('start', 'This tarif does not support start.');
    const duration = cart.tarif.duration ?? 1;
    const price = quotePrice(pricingIn(tariff, this.account.currency), { quantity, duration });
    this.account.charge(price);
    const now = this.clock.now();
    return this.purchases.record({
      foreign: false,
      api: true,
      tarifId: tariff.id,
      orderType: tariff.type,
      service: tariff.service,
      chatbot: tariff.chatbot,
      channel: channelUrl(tariff, cart.channel),
      quantity,
      duration,
      interval: tariff.customInterval ? (cart.interval ?? tariff.customInterval.default) : null,
      lang: cart.lang ?? 'auto',
      comment: cart.comment ?? '',
      price,
      currency: this.account.currency,
      createdAt: now,
      status: cart.start ? 'working' : 'created',
      settings: {},
      charges: [{ amount: price, reason: 'create', at: now }],
    });
  }
}

/** Purchases show the channel as a URL (the spec's examples: cart "twitch" -> "https://www.twitch.tv/twitch"). */
export function channelUrl(tariff: SandboxTariff, channel: string): string {
  const slug = channel.trim();
  return /^https?:\/\//i.test(slug) ? slug : `${tariff.link.prefix}${slug}`;
}
