import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { BootedGateway, bootGateway } from './support/boot-gateway';

/** Any HTTP answer counts as reachable: a bare server stands in for StreamSkill. */
async function startFakeUpstream(): Promise<{
  baseUrl: string;
  hits: () => number;
  close: () => Promise<void>;
}> {
  let hits = 0;
  const server: Server = createServer((_request, response) => {
    hits += 1;
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('health (e2e)', () => {
  describe('with the database up and the upstream unreachable', () => {
    let gateway: BootedGateway;
    beforeAll(async () => {
      gateway = await bootGateway();
    });
    afterAll(() => gateway.app.close());

    it('is live', async () => {
      const response = await gateway.inject({ method: 'GET', url: '/v1/health/live' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ok' });
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('is not ready, and says which check fails', async () => {
      const response = await gateway.inject({ method: 'GET', url: '/v1/health/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        status: 'error',
        checks: {
          database: { status: 'ok', latencyMs: expect.any(Number) },
          upstream: expect.objectContaining({ status: 'error', error: 'upstream unreachable' }),
          upstreamBudget: expect.objectContaining({ status: 'ok', backend: 'postgres', burst: 30 }),
          audit: expect.objectContaining({ status: 'ok', backlog: 0 }),
        },
      });
    });
  });

  describe('with every dependency up', () => {
    let gateway: BootedGateway;
    let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
    beforeAll(async () => {
      upstream = await startFakeUpstream();
      gateway = await bootGateway({ env: { STREAMSKILL_BASE_URL: upstream.baseUrl } });
    });
    afterAll(async () => {
      await gateway.app.close();
      await upstream.close();
    });

    it('is ready', async () => {
      const response = await gateway.inject({ method: 'GET', url: '/v1/health/ready' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        status: 'ok',
        checks: {
          database: { status: 'ok', latencyMs: expect.any(Number) },
          upstream: {
            status: 'ok',
            latencyMs: expect.any(Number),
            httpStatus: 404,
            ageMs: expect.any(Number),
          },
          upstreamBudget: expect.objectContaining({ status: 'ok', tokens: 30, backoffUntil: null }),
          audit: expect.objectContaining({ status: 'ok', backlog: 0 }),
        },
      });
    });

    it('does not spend an upstream call on every readiness poll', async () => {
      const before = upstream.hits();
      for (let poll = 0; poll < 5; poll += 1)
        await gateway.inject({ method: 'GET', url: '/v1/health/ready' });
      // At most one probe, should the cached one expire during the polls.
      expect(upstream.hits() - before).toBeLessThanOrEqual(1);
    });
  });

  describe('with the database down', () => {
    it('is live but not ready', async () => {
      const gateway = await bootGateway({
        env: { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/postgres' },
      });
      try {
        expect((await gateway.inject({ method: 'GET', url: '/v1/health/live' })).statusCode).toBe(200);
        const response = await gateway.inject({ method: 'GET', url: '/v1/health/ready' });
        expect(response.statusCode).toBe(503);
        expect(response.json().checks.database).toEqual({ status: 'error', error: 'check failed' });
        // The budget's store is that database: upstream calls are refused, reads would still be served.
        expect(response.json().checks.upstreamBudget).toMatchObject({
          status: 'degraded',
          error: 'postgres store unreachable',
        });
      } finally {
        await gateway.app.close();
      }
    });
  });
});
