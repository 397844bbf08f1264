import { canonicalJson, requestFingerprint } from './request-fingerprint';

describe('request fingerprint', () => {
  it('writes object keys in one order at every level, keeping array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson(undefined)).toBe('');
  });

  const base = { method: 'POST', url: '/v1/purchases/create', body: { tarif: { id: 1 }, channel: 'x' } };

  it('is the same for the same request written differently', () => {
    expect(requestFingerprint(base)).toBe(
      requestFingerprint({ ...base, method: 'post', body: { channel: 'x', tarif: { id: 1 } } }),
    );
    expect(requestFingerprint({ ...base, url: '/v1/x?b=2&a=1' })).toBe(
      requestFingerprint({ ...base, url: '/v1/x?a=1&b=2' }),
    );
  });

  it('differs when the method, path, query or body differ', () => {
    const fingerprint = requestFingerprint(base);
    expect(requestFingerprint({ ...base, method: 'PUT' })).not.toBe(fingerprint);
    expect(requestFingerprint({ ...base, url: '/v1/purchases/2/prolong' })).not.toBe(fingerprint);
    expect(requestFingerprint({ ...base, url: '/v1/purchases/create?expand=tarif' })).not.toBe(fingerprint);
    expect(requestFingerprint({ ...base, body: { ...base.body, channel: 'y' } })).not.toBe(fingerprint);
    expect(requestFingerprint({ ...base, body: [base.body] })).not.toBe(fingerprint);
  });
});
