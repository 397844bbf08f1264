import type { FaultCounters, FaultRule } from '../faults/fault.types';
import type { PurchaseStatus } from '../purchases/purchase.types';
import type { BucketLimits } from '../rate-limit/token-bucket';
import type { Currency } from '../tariffs/tariff.types';

/** A purchase as GET /__sandbox/state shows it: everything the sandbox knows, money as decimal strings. */
export interface SandboxStatePurchase {
  id: number;
  foreign: boolean;
  api: boolean;
  tarif: number;
  order_type: string;
  service: string;
  channel: string;
  quantity: number;
  duration: number;
  interval: number | null;
  lang: string;
  comment: string;
  price: string;
  currency: Currency;
  /** Unix seconds, as in the API. */
  created_at: number;
  status: PurchaseStatus;
  settings: Record<string, unknown>;
  history: { status: PurchaseStatus; at: string; reason: string }[];
  charges: { amount: string; reason: 'create' | 'prolong'; at: string }[];
}

export interface SandboxState {
  balance: string;
  currency: Currency;
  statusStepMs: number;
  rateLimit: BucketLimits | false;
  /** Active fault rules; `times` shows the uses left. */
  faults: FaultRule[];
  /** Every purchase recorded since start (or the last reset), foreign ones included, newest first. */
  purchases: SandboxStatePurchase[];
  counters: {
    requests: { total: number; byEndpoint: Record<string, number> };
    rateLimited: number;
    faults: FaultCounters;
    /** Connections currently held open by the `timeout` fault. */
    heldConnections: number;
  };
}

/** POST /__sandbox/purchases: put a purchase in place without going through create (no charge). */
export interface SeedPurchaseInput {
  tarif: number;
  channel: string;
  quantity?: number;
  duration?: number;
  status?: PurchaseStatus;
  /** Owned by another account: invisible to the sandbox token. */
  foreign?: boolean;
  /** false = "created on the website". Default true. */
  api?: boolean;
  /** Decimal string; default: the catalog price. */
  price?: string;
  /** Unix seconds; default: now. */
  created_at?: number;
}

export type RateLimitInput = BucketLimits | { enabled: false };
