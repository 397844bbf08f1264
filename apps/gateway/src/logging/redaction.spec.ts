import { REDACTED, isSensitiveName, redactSecrets } from './redaction';

describe('isSensitiveName', () => {
  it.each([
    'token',
    'accessToken',
    'STREAMSKILL_API_TOKEN',
    'secret',
    'client_secret',
    'password',
    'apiKey',
    'api_key',
    'x-api-key',
    'key',
    'privateKey',
    'authorization',
    'Cookie',
    'pepper',
  ])('flags %s', (name) => {
    expect(isSensitiveName(name)).toBe(true);
  });

  it.each(['keyId', 'keyPrefix', 'monkey', 'name', 'requestId', 'status'])('leaves %s alone', (name) => {
    expect(isSensitiveName(name)).toBe(false);
  });
});

describe('redactSecrets', () => {
  it('replaces sensitive fields at any depth, in arrays too', () => {
    const logged = { customer: 7, upstream: { token: 'abc', nested: [{ password: 'p', ok: 1 }] } };
    expect(redactSecrets(logged)).toEqual({
      customer: 7,
      upstream: { token: REDACTED, nested: [{ password: REDACTED, ok: 1 }] },
    });
    expect(logged.upstream.token).toBe('abc');
  });

  it('does not walk class instances such as errors', () => {
    const error = Object.assign(new Error('boom'), { token: 'kept for the error serializer' });
    expect(redactSecrets({ err: error }).err).toBe(error);
  });
});
