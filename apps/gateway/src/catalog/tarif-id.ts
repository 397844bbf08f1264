import { GatewayError } from '../errors/gateway-error';

/** Tariff ids are PostgreSQL integers. */
const MAX_TARIF_ID = 2_147_483_647;

/** A path id that cannot be a tariff id names no tariff: 404, as upstream answers it. */
export function parseTarifId(raw: string): number {
  if (!/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > MAX_TARIF_ID) throw tarifNotFound();
  return Number(raw);
}

export function tarifNotFound(): GatewayError {
  return new GatewayError(404, 'not_found_http_exception', 'Tarif not found.');
}
