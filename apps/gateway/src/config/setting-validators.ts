import { isIP } from 'node:net';
import { ValidateBy, ValidationOptions } from 'class-validator';

const DECIMAL_INTEGER = /^\d+$/;
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
/** Named ranges that proxy-addr (Fastify's trust proxy) understands besides addresses and CIDRs. */
const NAMED_PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function isIntegerInRange(value: unknown, min: number, max: number): boolean {
  return (
    typeof value === 'string' && DECIMAL_INTEGER.test(value) && Number(value) >= min && Number(value) <= max
  );
}

export function isUrlWithScheme(value: unknown, schemes: readonly string[]): boolean {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const url = new URL(value);
  return schemes.includes(url.protocol.replace(/:$/, '')) && url.hostname !== '';
}

export function isHostAddress(value: unknown): boolean {
  return typeof value === 'string' && (isIP(value) !== 0 || HOST_NAME.test(value));
}

export function isCidrOrAddress(value: string): boolean {
  if (NAMED_PROXY_RANGES.has(value)) return true;
  const [address, prefix, ...rest] = value.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || isIntegerInRange(prefix, 0, version === 4 ? 32 : 128);
}

export function isTrustProxy(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value === 'true' || value === 'false' || isIntegerInRange(value, 0, 100)) return true;
  const entries = splitList(value);
  return entries.length > 0 && entries.every(isCidrOrAddress);
}

/** An origin is scheme://host[:port] with nothing after it, which is what browsers send. */
export function isOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return ['http:', 'https:'].includes(url.protocol) && url.origin === value.replace(/\/$/, '');
}

export function isOriginList(value: unknown): boolean {
  return typeof value === 'string' && splitList(value).every(isOrigin);
}

function rule(
  name: string,
  message: string,
  validate: (value: unknown) => boolean,
  options?: ValidationOptions,
) {
  return ValidateBy({ name, validator: { validate, defaultMessage: () => message } }, options);
}

export const IsIntegerInRange = (min: number, max: number) =>
  rule('isIntegerInRange', `must be an integer between ${min} and ${max}`, (value) =>
    isIntegerInRange(value, min, max),
  );

export const IsUrlWithScheme = (...schemes: string[]) =>
  rule(
    'isUrlWithScheme',
    `must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`,
    (value) => isUrlWithScheme(value, schemes),
  );

export const IsHostAddress = () =>
  rule('isHostAddress', 'must be an IP address or a host name', isHostAddress);

export const IsTrustProxy = () =>
  rule(
    'isTrustProxy',
    'must be false, true, a hop count, or comma-separated IP addresses/CIDR ranges',
    isTrustProxy,
  );

export const IsOriginList = () =>
  rule(
    'isOriginList',
    'must be a comma-separated list of origins such as https://shop.example (no path)',
    isOriginList,
  );

export const IsOneOf = (values: readonly string[]) =>
  rule('isOneOf', `must be one of ${values.join(', ')}`, (value) => values.includes(value as string));
