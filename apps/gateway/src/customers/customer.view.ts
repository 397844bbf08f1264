import { toMoneyString } from '@app/common';
import type { Customer } from '@app/database';

export interface CustomerView {
  id: string;
  name: string;
  externalId: string | null;
  status: string;
  markupPercent: string | null;
  creditLimit: string;
  plan: string;
  createdAt: string;
  updatedAt: string;
}

export function customerView(customer: Customer): CustomerView {
  return {
    id: customer.id,
    name: customer.name,
    externalId: customer.externalId,
    status: customer.status,
    markupPercent: customer.markupPercent === null ? null : toMoneyString(customer.markupPercent),
    creditLimit: toMoneyString(customer.creditLimit),
    plan: customer.plan,
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
  };
}
