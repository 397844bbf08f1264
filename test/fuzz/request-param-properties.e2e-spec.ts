import fc from 'fast-check';
import { IpAllowlist, isValidCidr } from '../../apps/gateway/src/auth/ip-allowlist';
import { parseTarifId } from '../../apps/gateway/src/catalog/tarif-id';
import { GatewayError } from '../../apps/gateway/src/errors/gateway-error';
import {
  MAX_PURCHASE_ID,
  parseExpand,
  parseIdList,
  parsePurchaseId,
} from '../../apps/gateway/src/purchases/dto/request-params';
import { hostileString, nearValidString } from './support/hostile-values';

/*
 * Property-based unit tests of the path and query parsers (named e2e-spec only because jest
 * collects the suites under test/ by that name; nothing here starts a gateway).
 */
const MAX_INT4 = 2_147_483_647;
const anyText = fc.oneof(hostileString, nearValidString, fc.integer().map(String), fc.nat().map(String));

/** Runs `parse`; a refusal must be a GatewayError with `status`, never another exception. */
function outcome<T>(parse: () => T, status: number): { value: T } | 'refused' {
  try {
    return { value: parse() };
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).status).toBe(status);
    return 'refused';
  }
}

describe('path ids', () => {
  it.each([
    ['purchase', parsePurchaseId, MAX_PURCHASE_ID],
    ['tariff', parseTarifId, MAX_INT4],
  ])('a %s id is a positive integer column value written canonically, or a 404', (_name, parse, max) => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = outcome(() => parse(text), 404);
        if (parsed === 'refused') return;
        expect(Number.isInteger(parsed.value) && parsed.value >= 1 && parsed.value <= max).toBe(true);
        expect(String(parsed.value)).toBe(text);
      }),
    );
  });
});

describe('query parameters', () => {
  const idList = fc.oneof(
    anyText,
    fc.array(fc.oneof(anyText, fc.nat().map(String)), { maxLength: 120 }).map((ids) => ids.join(',')),
  );

  it('ids is 1 to 100 distinct positive safe integers, or a 422 on ids', () => {
    fc.assert(
      fc.property(fc.oneof(idList, fc.array(idList, { maxLength: 3 })), (raw) => {
        const parsed = outcome(() => parseIdList(raw), 422);
        if (parsed === 'refused') return;
        expect(parsed.value.length).toBeGreaterThanOrEqual(1);
        expect(parsed.value.length).toBeLessThanOrEqual(100);
        expect(new Set(parsed.value).size).toBe(parsed.value.length);
        expect(parsed.value.every((id) => Number.isSafeInteger(id) && id >= 1)).toBe(true);
      }),
    );
  });

  it('expand is a set of the known parts, or a 422 on expand', () => {
    const parts = fc.constantFrom('tarif', 'parent', 'api', 'chatbot', 'panel', ' tarif', 'TARIF', '');
    const expand = fc.oneof(
      anyText,
      fc.array(parts, { maxLength: 5 }).map((list) => list.join(',')),
    );
    fc.assert(
      fc.property(expand, (raw) => {
        const parsed = outcome(() => parseExpand(raw), 422);
        if (parsed === 'refused') return;
        for (const part of parsed.value) expect(['tarif', 'parent', 'api', 'chatbot']).toContain(part);
      }),
    );
  });
});

describe('key IP allowlists', () => {
  const cidr = fc.oneof(
    fc.tuple(fc.ipV4(), fc.integer({ min: -1, max: 40 })).map(([ip, bits]) => `${ip}/${bits}`),
    fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 140 })).map(([ip, bits]) => `${ip}/${bits}`),
    fc.ipV4Extended(),
    fc.ipV6(),
    fc.constantFrom('fe80::1%eth0', '::ffff:10.0.0.1/120', '10.0.0.0/08', '10.0.0.0/', '/8', '10.0.0.0/8/8'),
    hostileString,
  );

  it('every CIDR the validator accepts builds an allowlist, and checking any address never throws', () => {
    fc.assert(
      fc.property(cidr, fc.oneof(fc.ipV4(), fc.ipV6(), hostileString), (range, address) => {
        if (!isValidCidr(range)) return;
        const allowlist = new IpAllowlist([range]);
        expect(typeof allowlist.allows(address)).toBe('boolean');
      }),
    );
  });

  it('an address is allowed by an entry of its own, as a /32 or /128 or bare', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (address) => {
        const bits = address.includes(':') ? 128 : 32;
        expect(new IpAllowlist([`${address}/${bits}`]).allows(address)).toBe(true);
        expect(new IpAllowlist([address]).allows(address)).toBe(true);
      }),
    );
  });
});
