import { upstreamOperations, validateUpstreamRequest, validateUpstreamResponse } from './openapi-contract';

const purchase = {
  id: 1,
  price: 10,
  currency: 'usd',
  created_at: 1640000000,
  order_type: 'twitch_viewers',
  channel: 'twitch',
  status: 'working',
  service: 'twitch',
  parent: false,
  api: true,
  chatbot: false,
  tarif: 1,
};
const auth = { authorization: 'Bearer t' };

describe('openapi contract validator', () => {
  it('lists the 13 upstream operations', () => {
    expect(upstreamOperations()).toHaveLength(13);
  });

  it('accepts a valid purchase and rejects a status outside the enum', () => {
    expect(validateUpstreamResponse('GET', '/purchases/{orderId}', 200, purchase)).toEqual([]);
    expect(validateUpstreamResponse('GET', '/v1/purchases/12?expand=tarif', 200, purchase)).toEqual([]);
    const problems = validateUpstreamResponse('GET', '/purchases/12', 200, { ...purchase, status: 'active' });
    expect(problems.join()).toMatch(/status: must be equal to one of the allowed values/);
  });

  it('prefers literal paths over templates', () => {
    expect(
      validateUpstreamResponse('GET', '/purchases/bulk', 200, { items: [purchase], missing_ids: [] }),
    ).toEqual([]);
    expect(validateUpstreamResponse('GET', '/purchases/bulk', 200, [purchase]).join()).toMatch(
      /must be object/,
    );
  });

  it('checks undeclared error statuses against ErrorObject and rejects undeclared 2xx', () => {
    const envelope = { name: 'Not Found', message: 'x', code: 0, status: 404, type: 'not_found' };
    expect(validateUpstreamResponse('GET', '/purchases/5', 404, envelope)).toEqual([]);
    expect(validateUpstreamResponse('GET', '/purchases/5', 404, { ...envelope, code: 'zero' })).not.toEqual(
      [],
    );
    expect(validateUpstreamResponse('GET', '/purchases/5', 201, purchase)).not.toEqual([]);
  });

  it('validates requests: parameters, headers and bodies', () => {
    const cart = { tarif: { id: 1, quantity: 100 }, channel: 'twitch' };
    expect(
      validateUpstreamRequest('POST', '/purchases/create', {
        headers: { ...auth, 'Accept-Language': 'ru' },
        body: cart,
      }),
    ).toEqual([]);
    expect(validateUpstreamRequest('GET', '/purchases?expand=tarif,parent', { headers: auth })).toEqual([]);
    expect(validateUpstreamRequest('GET', '/purchases/bulk', { query: { ids: '1,2,3' } })).toEqual([]);

    expect(
      validateUpstreamRequest('POST', '/purchases/create', {
        body: { tarif: { id: 0 }, channel: 'x' },
      }).join(),
    ).toMatch(/tarif\/id/);
    expect(validateUpstreamRequest('GET', '/purchases?expand=tarif,panel', {}).join()).toMatch(/panel/);
    expect(validateUpstreamRequest('GET', '/purchases/abc', {}).join()).toMatch(/orderId/);
    expect(validateUpstreamRequest('GET', '/purchases/bulk', { query: { ids: '1,-2' } }).join()).toMatch(
      /positive/,
    );
    expect(validateUpstreamRequest('GET', '/purchases/bulk', {}).join()).toMatch(/required/);
    expect(
      validateUpstreamRequest('GET', '/purchases', { headers: { ...auth, 'accept-language': 'de' } }).join(),
    ).toMatch(/Accept-Language.*allowed values/);
    expect(validateUpstreamRequest('GET', '/purchases', { headers: {} }).join()).toMatch(/Authorization/);
    expect(validateUpstreamRequest('GET', '/purchases?page=2', {}).join()).toMatch(/not declared/);
    expect(validateUpstreamRequest('DELETE', '/purchases/1', {}).join()).toMatch(/method not declared/);
  });
});
