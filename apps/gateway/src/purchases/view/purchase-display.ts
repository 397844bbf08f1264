import { Prisma } from '@app/database';
import type { Purchase } from '@app/database';

/**
 * What a customer sees while StreamSkill's answer is unknown (pending, or waiting for an admin):
 * an enum value that every client treats as "not finished yet".
 */
export const UNCONFIRMED_STATUS = 'awaiting';
/** A purchase that never came to exist upstream (released by the reconciler). */
export const NEVER_CREATED_STATUS = 'failed';
/** Statuses after which a purchase no longer runs; everything else counts as uncompleted. */
export const FINISHED_STATUSES = ['completed', 'failed', 'deleted', 'refunded'] as const;

type Displayed = Pick<Purchase, 'billingState' | 'status' | 'price' | 'quotedPrice'>;

export function displayedStatus(purchase: Displayed): string {
  switch (purchase.billingState) {
    case 'pending':
    case 'needs_review':
      return UNCONFIRMED_STATUS;
    case 'released':
    case 'rejected':
      return NEVER_CREATED_STATUS;
    default:
      return purchase.status ?? 'created';
  }
}

/** The customer's price: what was charged; the quote while unconfirmed; nothing for a purchase that never was. */
export function displayedPrice(purchase: Displayed): Prisma.Decimal {
  switch (purchase.billingState) {
    case 'pending':
    case 'needs_review':
      return purchase.quotedPrice;
    case 'released':
    case 'rejected':
      return new Prisma.Decimal(0);
    default:
      return purchase.price ?? purchase.quotedPrice;
  }
}

/** Prisma filter of the purchases a customer can see: rejected ones were only ever an error answer. */
export const VISIBLE_PURCHASE: Prisma.PurchaseWhereInput = { billingState: { not: 'rejected' } };

/** Prisma filter matching what `GET /purchases/uncomplete` lists. */
export const UNCOMPLETED_PURCHASE: Prisma.PurchaseWhereInput = {
  OR: [
    { billingState: { in: ['pending', 'needs_review'] } },
    {
      billingState: { in: ['charged', 'refunded'] },
      OR: [{ status: null }, { status: { notIn: [...FINISHED_STATUSES] } }],
    },
  ],
};
