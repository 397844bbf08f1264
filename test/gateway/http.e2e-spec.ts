import { BootedGateway, bootGateway } from './support/boot-gateway';
import { TEST_MASTER_TOKEN } from './support/gateway-test-env';
import { openApiProblems } from './support/openapi-structure';

describe('HTTP shell (e2e)', () => {
  let gateway: BootedGateway;

  beforeAll(async () => {
    gateway = await bootGateway({ env: { CORS_ORIGINS: 'https://shop.example' } });
  });
  afterAll(() => gateway.app.close());

  it('sends security headers on every response', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/v1/health/live' });
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('allows CORS for a configured origin only', async () => {
    const preflight = (origin: string) =>
      gateway.inject({
        method: 'OPTIONS',
        url: '/v1/health/live',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    expect((await preflight('https://shop.example')).headers['access-control-allow-origin']).toBe(
      'https://shop.example',
    );
    expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
  });

  describe('OpenAPI', () => {
    it('serves a valid OpenAPI document at /docs-json', async () => {
      const response = await gateway.inject({ method: 'GET', url: '/docs-json' });
      expect(response.statusCode).toBe(200);
      const document = response.json();
      expect(openApiProblems(document)).toEqual([]);
      expect(document.info.title).toBe('StreamSkill Gateway');
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/v1/health/live', '/v1/health/ready']),
      );
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(response.body).not.toContain(TEST_MASTER_TOKEN);
    });

    it('detects a broken document (the check itself works)', () => {
      const broken = {
        openapi: '2.0',
        info: {},
        paths: {
          x: { get: { responses: { 200: { $ref: '#/nope' } } } },
          '/y': {
            get: {
              responses: { 200: {} },
              parameters: [
                { name: 'Accept-Language', in: 'header' },
                { name: 'accept-language', in: 'header', required: true },
              ],
            },
          },
        },
      };
      expect(openApiProblems(broken)).toHaveLength(5);
    });

    it('serves Swagger UI at /docs with its assets', async () => {
      const page = await gateway.inject({ method: 'GET', url: '/docs' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('swagger-ui');
      const bundle = await gateway.inject({ method: 'GET', url: '/docs/swagger-ui-bundle.js' });
      expect(bundle.statusCode).toBe(200);
    });
  });
});

describe('HTTP shell without CORS_ORIGINS (e2e)', () => {
  it('sends no CORS headers at all', async () => {
    const gateway = await bootGateway();
    try {
      const response = await gateway.inject({
        method: 'GET',
        url: '/v1/health/live',
        headers: { origin: 'https://shop.example' },
      });
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await gateway.app.close();
    }
  });
});
