import type { FieldErrors } from '@app/common';
import type { CatalogTarif } from '@app/database';
import { cartTarifProblems, type CartObject, type TarifDetailsObject } from '@app/streamskill';

/** Catalog ids are PostgreSQL integers: a larger one names no tariff. */
const MAX_TARIF_ID = 2_147_483_647;

export function isCatalogId(id: number): boolean {
  return Number.isSafeInteger(id) && id >= 1 && id <= MAX_TARIF_ID;
}

/**
 * What upstream would refuse in a schema-valid cart, as far as the gateway can know it, in upstream's
 * words: a tariff not resold here is "Tarif not found" (StreamSkill's message), quantities outside what
 * the tariff shape allows, and a duration on a tariff the admin marked as having none.
 */
export function cartProblems(tarif: CatalogTarif | null, cart: CartObject): FieldErrors {
  if (!tarif?.enabled) return { 'tarif.id': ['Tarif not found'] };
  const problems = cartTarifProblems(tarif.details as unknown as TarifDetailsObject, cart.tarif);
  const { duration } = cart.tarif;
  if (!tarif.supportsDuration && duration !== undefined && duration !== null && duration !== 1) {
    problems['tarif.duration'] = ['This tarif does not support duration.'];
  }
  return problems;
}
