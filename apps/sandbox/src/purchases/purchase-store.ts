import type { Clock } from '../common/clock';
import type { PurchaseLifecycle } from './purchase-lifecycle';
import type { SandboxPurchase } from './purchase.types';

export type NewPurchase = Omit<
  SandboxPurchase,
  'id' | 'history' | 'phaseEndsAt' | 'pausedRemainingMs' | 'workingMs'
>;

/** Every purchase ever recorded by one sandbox; reads bring statuses up to date first. */
export class PurchaseStore {
  private readonly purchases = new Map<number, SandboxPurchase>();
  /** Ids are never reused, even across resets, so stale ids held by a client stay unknown. */
  private nextId: number;

  constructor(
    private readonly lifecycle: PurchaseLifecycle,
    private readonly clock: Clock,
    firstId = 1,
  ) {
    this.nextId = firstId;
  }

  record(input: NewPurchase): SandboxPurchase {
    const purchase: SandboxPurchase = {
      ...input,
      id: this.nextId++,
      workingMs: this.lifecycle.stepMs,
      pausedRemainingMs: null,
      phaseEndsAt: null,
      history: [{ status: input.status, at: input.createdAt, reason: 'created' }],
    };
    if (input.status === 'created') purchase.phaseEndsAt = input.createdAt + this.lifecycle.stepMs;
    if (input.status === 'working') purchase.phaseEndsAt = input.createdAt + purchase.workingMs;
    if (input.status === 'stopped') purchase.pausedRemainingMs = purchase.workingMs;
    this.purchases.set(purchase.id, purchase);
    return purchase;
  }

  /** A purchase of the sandbox account (foreign ones are treated as unknown). */
  findOwn(id: number): SandboxPurchase | undefined {
    const purchase = this.purchases.get(id);
    if (!purchase || purchase.foreign) return undefined;
    this.lifecycle.advance(purchase, this.clock.now());
    return purchase;
  }

  /** The sandbox account's purchases, newest first. */
  listOwn(): SandboxPurchase[] {
    return this.all().filter((purchase) => !purchase.foreign);
  }

  /** Every purchase, including foreign ones, newest first. */
  all(): SandboxPurchase[] {
    const now = this.clock.now();
    const purchases = [...this.purchases.values()].sort((a, b) => b.id - a.id);
    purchases.forEach((purchase) => this.lifecycle.advance(purchase, now));
    return purchases;
  }

  clear(): void {
    this.purchases.clear();
  }
}
