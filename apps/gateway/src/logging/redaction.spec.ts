import { REDACTED, isSensitiveName, redactApiKeys, redactSecrets } from './redaction';

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

describe('redactApiKeys', () => {
  it('keeps the public id and removes the secret of every key in a string', () => {
    const key = `ssg_abcdefghij12_${'S'.repeat(43)}`;
    expect(redactApiKeys(`/v1/account?api_key=${key}&x=${key}`)).toBe(
      '/v1/account?api_key=ssg_abcdefghij12_[redacted]&x=ssg_abcdefghij12_[redacted]',
    );
    expect(redactApiKeys('/v1/purchases?page=2')).toBe('/v1/purchases?page=2');
  });
});

describe('redactSecrets on request-shaped objects', () => {
  it('masks credential headers wherever a request is logged', () => {
    const headers = {
      authorization: 'Bearer ssg_x',
      cookie: 'a=b',
      'x-api-key': 'k',
      'proxy-authorization': 'p',
      accept: '*/*',
    };
    expect(redactSecrets({ req: { headers }, res: { headers: { 'set-cookie': ['s=1'] } } })).toEqual({
      req: {
        headers: {
          authorization: REDACTED,
          cookie: REDACTED,
          'x-api-key': REDACTED,
          'proxy-authorization': REDACTED,
          accept: '*/*',
        },
      },
      res: { headers: { 'set-cookie': REDACTED } },
    });
  });
});

describe('redactSecrets without secrets', () => {
  it('logs an object holding nothing sensitive as it is, without copying it', () => {
    const line = {
      req: { method: 'GET', url: '/v1/purchases/1' },
      res: { statusCode: 200 },
      list: [{ a: 1 }],
    };
    expect(redactSecrets(line)).toBe(line);
  });

  it('ignores a sensitive name whose value is empty', () => {
    const line = { token: null, nested: { password: undefined } };
    expect(redactSecrets(line)).toBe(line);
  });
});
