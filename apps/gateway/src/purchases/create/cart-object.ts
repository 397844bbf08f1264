import type { CartObject, Service, TarifDetailsObject } from '@app/streamskill';

/** The validated cart as a plain CartObject: what is sent upstream and stored on the purchase. */
export function toCartObject(cart: CartObject): CartObject {
  const tarif = { id: cart.tarif.id, quantity: cart.tarif.quantity, duration: cart.tarif.duration };
  return JSON.parse(
    JSON.stringify({
      tarif,
      channel: cart.channel,
      interval: cart.interval,
      comment: cart.comment,
      start: cart.start,
      lang: cart.lang,
    }),
  ) as CartObject;
}

const SERVICES: readonly [RegExp, Service][] = [
  [/(^|\.)twitch\.tv$/, 'twitch'],
  [/(^|\.)kick\.com$/, 'kick'],
  [/(^|\.)(youtube\.com|youtu\.be)$/, 'youtube'],
  [/(^|\.)trovo\.live$/, 'trovo'],
];

/**
 * The platform a tariff sells on, read from its link prefix: shown on a purchase until upstream's
 * answer says it (the tariff object has no `service` field).
 */
export function serviceOf(tarif: Pick<TarifDetailsObject, 'link'> | undefined): Service | null {
  const prefix = tarif?.link?.prefix;
  if (typeof prefix !== 'string' || !URL.canParse(prefix)) return null;
  const host = new URL(prefix).hostname.toLowerCase();
  return SERVICES.find(([pattern]) => pattern.test(host))?.[1] ?? null;
}
