import { GatewayError } from '../../errors/gateway-error';
import { languageOf, parseExpand, parseIdList, parsePurchaseId } from './request-params';

function errorOf(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (error) {
    return error as GatewayError;
  }
  throw new Error('expected an error');
}

describe('purchase request parameters', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['ru', 'ru'],
    ['ru-RU,ru;q=0.9', 'ru'],
    ['en-US', 'en'],
    ['*', 'en'],
    ['de', 'en'],
  ])('reads Accept-Language %j as %j', (header, expected) => {
    expect(languageOf(header)).toBe(expected);
  });

  it('parses expand as a comma-separated list of known parts', () => {
    expect(parseExpand(undefined)).toEqual(new Set());
    expect(parseExpand('tarif, parent,api')).toEqual(new Set(['tarif', 'parent', 'api']));
    expect(parseExpand(['tarif', 'chatbot'])).toEqual(new Set(['tarif', 'chatbot']));
    const error = errorOf(() => parseExpand('tarif,owner'));
    expect(error).toMatchObject({ status: 422, type: 'validate_exception' });
    expect(error.fieldErrors?.expand?.[0]).toContain('owner');
  });

  it('parses bulk ids: order kept, duplicates dropped, 1 to 100 positive integers', () => {
    expect(parseIdList('3,1,3, 2')).toEqual([3, 1, 2]);
    expect(parseIdList('99999999999')).toEqual([99999999999]);
    for (const bad of [
      undefined,
      '',
      ' ',
      '0',
      '1,-2',
      '1,a',
      '1.5',
      Array.from({ length: 101 }, () => '1').join(','),
    ]) {
      expect(errorOf(() => parseIdList(bad))).toMatchObject({
        status: 422,
        fieldErrors: { ids: expect.any(Array) },
      });
    }
  });

  it('treats a path id that cannot be a purchase as a missing purchase', () => {
    expect(parsePurchaseId('42')).toBe(42);
    for (const bad of ['0', '-1', 'abc', '1.0', '2147483648', '99999999999']) {
      expect(errorOf(() => parsePurchaseId(bad))).toMatchObject({
        status: 404,
        type: 'not_found_http_exception',
      });
    }
  });
});
