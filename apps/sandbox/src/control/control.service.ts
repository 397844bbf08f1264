import { Inject, Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { Account } from '../account/account';
import { Clock } from '../common/clock';
import { notFound, validationFailed } from '../common/sandbox-error';
import { RequestCounters } from '../counters/request-counters';
import { faultList, parseFaultConfig } from '../faults/fault-rules';
import { FaultStore } from '../faults/fault-store';
import type { FaultRule } from '../faults/fault.types';
import { HeldConnections } from '../faults/held-connections';
import { channelUrl } from '../purchases/create-purchase.service';
import { PurchaseLifecycle } from '../purchases/purchase-lifecycle';
import { PurchaseStore } from '../purchases/purchase-store';
import { quotePrice } from '@app/streamskill';
import { RateLimiter } from '../rate-limit/rate-limiter';
import type { SandboxOptions } from '../sandbox-options';
import { SANDBOX_OPTIONS } from '../sandbox-state.module';
import { findTariff, pricingIn } from '../tariffs/tariff-catalog';
import { balanceBody, rateLimitBody, seedBody, statusBody } from './control-bodies';
import { statePurchase } from './control-state';
import type { SandboxState, SandboxStatePurchase } from './control.types';

@Injectable()
export class ControlService {
  constructor(
    @Inject(SANDBOX_OPTIONS) private readonly options: SandboxOptions,
    private readonly account: Account,
    private readonly purchases: PurchaseStore,
    private readonly lifecycle: PurchaseLifecycle,
    private readonly limiter: RateLimiter,
    private readonly faults: FaultStore,
    private readonly counters: RequestCounters,
    private readonly held: HeldConnections,
    private readonly clock: Clock,
  ) {}

  state(): SandboxState {
    return {
      balance: this.account.balance.toFixed(2),
      currency: this.account.currency,
      statusStepMs: this.lifecycle.stepMs,
      rateLimit: this.limiter.config,
      faults: this.faults.list(),
      purchases: this.purchases.all().map(statePurchase),
      counters: {
        requests: this.counters.snapshot(),
        rateLimited: this.limiter.rejectedCount,
        faults: this.faults.counters,
        heldConnections: this.held.size,
      },
    };
  }

  /** Back to the startup state: no purchases, no faults (startup faults included), full buckets, zero counters. */
  reset(): void {
    this.purchases.clear();
    this.faults.clear();
    this.faults.resetCounters();
    this.counters.reset();
    this.limiter.reset(this.options.rateLimit);
    this.account.reset();
    this.held.releaseAll();
  }

  setBalance(body: unknown): void {
    const { balance, currency } = balanceBody(body);
    this.account.set(balance, currency);
  }

  setFaults(body: unknown, mode: 'replace' | 'add'): FaultRule[] {
    const parsed = parseFaultConfig(body);
    if ('problems' in parsed) throw validationFailed({ faults: parsed.problems });
    if (mode === 'replace') this.faults.replace(faultList(parsed.rules));
    else this.faults.add(parsed.rules);
    return this.faults.list();
  }

  clearFaults(): void {
    this.faults.clear();
  }

  listFaults(): FaultRule[] {
    return this.faults.list();
  }

  setRateLimit(body: unknown): void {
    const input = rateLimitBody(body);
    this.limiter.configure('enabled' in input ? false : input);
  }

  forceStatus(rawId: string, body: unknown): SandboxStatePurchase {
    const status = statusBody(body);
    const purchase = this.purchases.all().find((p) => String(p.id) === rawId);
    if (!purchase) throw notFound('Purchase not found.');
    this.lifecycle.force(purchase, status, this.clock.now());
    return statePurchase(purchase);
  }

  seedPurchase(body: unknown): SandboxStatePurchase {
    const input = seedBody(body);
    const tariff = findTariff(input.tarif)!;
    const quantity = input.quantity ?? tariff.quantity.default;
    const duration = input.duration ?? 1;
    const currency = this.account.currency;
    const createdAt = input.created_at ? input.created_at * 1000 : this.clock.now();
    const price = input.price
      ? new Decimal(input.price)
      : quotePrice(pricingIn(tariff, currency), { quantity, duration });
    const purchase = this.purchases.record({
      foreign: input.foreign ?? false,
      api: input.api ?? true,
      tarifId: tariff.id,
      orderType: tariff.type,
      service: tariff.service,
      chatbot: tariff.chatbot,
      channel: channelUrl(tariff, input.channel),
      quantity,
      duration,
      interval: tariff.customInterval?.default ?? null,
      lang: 'auto',
      comment: '',
      price,
      currency,
      createdAt,
      status: input.status ?? 'created',
      settings: {},
      charges: [],
    });
    return statePurchase(purchase);
  }
}
