import fastifyHelmet from '@fastify/helmet';
import Fastify from 'fastify';
import { HELMET_OPTIONS } from './http-policies';
import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it('are exactly the headers @fastify/helmet sends with the same options', async () => {
    const fastify = Fastify();
    await fastify.register(fastifyHelmet, HELMET_OPTIONS);
    fastify.get('/', async () => ({ ok: true }));
    const response = await fastify.inject({ method: 'GET', url: '/' });
    await fastify.close();
    const {
      'content-type': _type,
      'content-length': _length,
      date: _date,
      connection: _connection,
      ...sent
    } = response.headers;

    expect(securityHeaders(HELMET_OPTIONS)).toEqual(sent);
    expect(sent).toMatchObject({ 'x-frame-options': 'SAMEORIGIN', 'x-content-type-options': 'nosniff' });
  });

  it('follows the options, e.g. a report-only CSP', () => {
    const headers = securityHeaders({ contentSecurityPolicy: { reportOnly: true } });
    expect(headers['content-security-policy-report-only']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toBeUndefined();
  });
});
