import type { FieldErrors } from '@app/common';
import { validationFailed } from '../common/sandbox-error';
import { PURCHASE_STATUSES, type PurchaseStatus } from '../purchases/purchase.types';
import { isNonNegativeDecimal } from '../sandbox-options';
import { findTariff } from '../tariffs/tariff-catalog';
import type { Currency } from '../tariffs/tariff.types';
import type { RateLimitInput, SeedPurchaseInput } from './control.types';

type Body = Record<string, unknown>;

/** Throws 422 with every problem found, like the API does. */
function check(problems: FieldErrors): void {
  if (Object.keys(problems).length) throw validationFailed(problems);
}

function asObject(body: unknown): Body {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw validationFailed({ body: ['must be an object'] });
  return body as Body;
}

const isPositiveInt = (v: unknown) => Number.isInteger(v) && (v as number) >= 1;
const isStatus = (v: unknown): v is PurchaseStatus => PURCHASE_STATUSES.includes(v as PurchaseStatus);

export function balanceBody(raw: unknown): { balance: string; currency?: Currency } {
  const body = asObject(raw);
  const problems: FieldErrors = {};
  if (!isNonNegativeDecimal(body.balance)) problems.balance = ['must be a non-negative decimal string'];
  if (body.currency !== undefined && body.currency !== 'usd' && body.currency !== 'rub') {
    problems.currency = ['must be "usd" or "rub"'];
  }
  check(problems);
  return body as { balance: string; currency?: Currency };
}

export function statusBody(raw: unknown): PurchaseStatus {
  const { status } = asObject(raw);
  if (!isStatus(status))
    throw validationFailed({ status: [`must be one of ${PURCHASE_STATUSES.join(', ')}`] });
  return status;
}

export function rateLimitBody(raw: unknown): RateLimitInput {
  const body = asObject(raw);
  if (body.enabled === false) return { enabled: false };
  const problems: FieldErrors = {};
  if (!isPositiveInt(body.burst)) problems.burst = ['must be an integer >= 1'];
  if (typeof body.perSecond !== 'number' || body.perSecond <= 0)
    problems.perSecond = ['must be a number > 0'];
  check(problems);
  return { burst: body.burst as number, perSecond: body.perSecond as number };
}

export function seedBody(raw: unknown): SeedPurchaseInput {
  const body = asObject(raw);
  const problems: FieldErrors = {};
  if (!isPositiveInt(body.tarif) || !findTariff(body.tarif as number))
    problems.tarif = ['must be a catalog tarif id'];
  if (typeof body.channel !== 'string' || !body.channel.trim())
    problems.channel = ['must be a non-empty string'];
  for (const field of ['quantity', 'duration', 'created_at'] as const) {
    if (body[field] !== undefined && !isPositiveInt(body[field]))
      problems[field] = ['must be an integer >= 1'];
  }
  if (body.status !== undefined && !isStatus(body.status)) problems.status = ['must be a purchase status'];
  for (const field of ['foreign', 'api'] as const) {
    if (body[field] !== undefined && typeof body[field] !== 'boolean')
      problems[field] = ['must be a boolean'];
  }
  if (body.price !== undefined && !isNonNegativeDecimal(body.price))
    problems.price = ['must be a decimal string'];
  check(problems);
  return body as unknown as SeedPurchaseInput;
}
