import type Decimal from 'decimal.js';
import type { Currency, Service } from '../tariffs/tariff.types';

/** The spec's PurchaseStatusObject enum (the examples' "active" is not in it and is never used). */
export const PURCHASE_STATUSES = [
  'created',
  'awaiting',
  'working',
  'stopped',
  'completed',
  'failed',
  'deleted',
  'refunded',
] as const;
export type PurchaseStatus = (typeof PURCHASE_STATUSES)[number];

/** What GET /purchases/uncomplete lists: everything that may still run. */
export const UNCOMPLETED_STATUSES: readonly PurchaseStatus[] = ['created', 'awaiting', 'working', 'stopped'];

/** Statuses on which no action is possible any more (completed answers 409, the others 405). */
export const FINISHED_STATUSES: readonly PurchaseStatus[] = ['completed', 'failed', 'deleted', 'refunded'];

export interface StatusChange {
  status: PurchaseStatus;
  at: number;
  reason: string;
}

export interface Charge {
  amount: Decimal;
  reason: 'create' | 'prolong';
  at: number;
}

export interface SandboxPurchase {
  id: number;
  /** Belongs to another account: invisible to the sandbox token (404, `missing_ids`). */
  foreign: boolean;
  api: boolean;
  tarifId: number;
  orderType: string;
  service: Service;
  chatbot: boolean;
  channel: string;
  quantity: number;
  duration: number;
  interval: number | null;
  lang: string;
  comment: string;
  price: Decimal;
  currency: Currency;
  createdAt: number;
  status: PurchaseStatus;
  /** When the current created/working phase ends (null when the status does not advance on its own). */
  phaseEndsAt: number | null;
  /** Length of the working phase; prolong adds to it. */
  workingMs: number;
  /** Working time left when the purchase was stopped. */
  pausedRemainingMs: number | null;
  /** Settings changed through the edit actions, merged. */
  settings: Record<string, unknown>;
  history: StatusChange[];
  charges: Charge[];
}
