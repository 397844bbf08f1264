import type { FaultConfig, FaultRule } from '../faults/fault.types';
import type { PurchaseStatus } from '../purchases/purchase.types';
import type { BucketLimits } from '../rate-limit/token-bucket';
import type { SandboxState, SandboxStatePurchase, SeedPurchaseInput } from './control.types';

export type { SandboxState, SandboxStatePurchase, SeedPurchaseInput } from './control.types';

/** Typed client for a sandbox's `/__sandbox` control API (fetch-based, works against any running sandbox). */
export class SandboxControl {
  private readonly base: string;

  /** `target`: the sandbox origin (`http://127.0.0.1:4010`) or a RunningSandbox. */
  constructor(target: string | { origin: string }) {
    const origin = typeof target === 'string' ? target : target.origin;
    this.base = `${origin.replace(/\/+$/, '')}/__sandbox`;
  }

  state(): Promise<SandboxState> {
    return this.call('GET', '/state');
  }

  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }

  async setBalance(balance: string, currency?: 'usd' | 'rub'): Promise<void> {
    await this.call('PUT', '/balance', { balance, currency });
  }

  /** Replaces every active fault rule. */
  setFaults(config: FaultConfig): Promise<FaultRule[]> {
    return this.call('PUT', '/faults', config);
  }

  /** Adds rules next to the active ones. */
  addFaults(config: FaultConfig): Promise<FaultRule[]> {
    return this.call('POST', '/faults', config);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  faults(): Promise<FaultRule[]> {
    return this.call('GET', '/faults');
  }

  async setRateLimit(limit: BucketLimits | false): Promise<void> {
    await this.call('PUT', '/rate-limit', limit === false ? { enabled: false } : limit);
  }

  forceStatus(purchaseId: number, status: PurchaseStatus): Promise<SandboxStatePurchase> {
    return this.call('POST', `/purchases/${purchaseId}/status`, { status });
  }

  seedPurchase(input: SeedPurchaseInput): Promise<SandboxStatePurchase> {
    return this.call('POST', '/purchases', input);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`Sandbox control ${method} ${path} failed with ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
