import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SandboxControl } from '@app/sandbox/control/sandbox-control';
import { InvalidSandboxOptionError, startSandbox } from '@app/sandbox/sandbox';
import { SandboxApi } from './support/sandbox-api';

const ROOT = join(__dirname, '../..');

describe('sandbox: instances, control API and the standalone process', () => {
  it('runs several isolated sandboxes in one process', async () => {
    const [a, b] = await Promise.all([
      SandboxApi.start(),
      SandboxApi.start({ token: 'other', balance: '10.00', currency: 'rub' }),
    ]);
    try {
      expect(a.sandbox.url).not.toBe(b.sandbox.url);
      expect(a.sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(a.sandbox.origin).toBe(a.sandbox.url.replace(/\/v1$/, ''));
      await a.createPurchase({ tarif: { id: 1 }, channel: 'x' });
      expect((await a.control.state()).purchases).toHaveLength(1);
      expect(await b.control.state()).toMatchObject({ purchases: [], balance: '10.00', currency: 'rub' });
      expect((await b.get('/purchases', { token: 'sandbox-token', request: 'skip' })).status).toBe(401);
      expect((await b.get('/purchases')).status).toBe(200);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('refuses invalid options, naming the setting', async () => {
    await expect(startSandbox({ balance: 'lots' })).rejects.toThrow(InvalidSandboxOptionError);
    await expect(startSandbox({ rateLimit: { burst: 0, perSecond: 1 } })).rejects.toThrow(/^rateLimit /);
    await expect(startSandbox({ faults: { timeout: 'yes' } as never })).rejects.toThrow(/^faults .*timeout/);
  });

  it('numbers purchases from firstPurchaseId, so that sandboxes sharing a gateway database never reuse an id', async () => {
    const api = await SandboxApi.start({ firstPurchaseId: 900_000_001 });
    try {
      const first = await api.createPurchase({ tarif: { id: 1 }, channel: 'x' });
      const seeded = await api.control.seedPurchase({ tarif: 1, channel: 'y' });
      expect([first.id, seeded.id]).toEqual([900_000_001, 900_000_002]);
    } finally {
      await api.close();
    }
    await expect(startSandbox({ firstPurchaseId: 0 })).rejects.toThrow(/^firstPurchaseId /);
  });

  it('close() is idempotent and frees the port', async () => {
    const sandbox = await startSandbox();
    await Promise.all([sandbox.close(), sandbox.close()]);
    await expect(fetch(`${sandbox.url}/tarifs/1`)).rejects.toThrow();
  });

  describe('control API', () => {
    let api: SandboxApi;
    beforeAll(async () => {
      api = await SandboxApi.start({ statusStepMs: 600_000 });
    });
    afterAll(() => api.close());

    it('reset clears purchases, faults and counters, restores the balance, and never reuses ids', async () => {
      const first = await api.createPurchase({ tarif: { id: 1 }, channel: 'x' });
      await api.control.setFaults({ latencyMs: 1 });
      await api.control.setBalance('1.00');
      await api.control.reset();
      const state = await api.control.state();
      expect(state).toMatchObject({
        purchases: [],
        faults: [],
        balance: '100000.00',
        counters: { requests: { total: 0 } },
      });
      const second = await api.createPurchase({ tarif: { id: 1 }, channel: 'x' });
      expect(second.id).toBeGreaterThan(first.id);
    });

    it('counts requests by endpoint template', async () => {
      await api.control.reset();
      await api.get('/purchases/1');
      await api.get('/purchases/2');
      await api.get('/nowhere', { request: 'skip', skipResponseContract: true });
      const { counters } = await api.control.state();
      expect(counters.requests.byEndpoint).toEqual({
        'GET /v1/purchases/:orderId': 2,
        'GET (unknown route)': 1,
      });
    });

    it('seeds purchases (web-made, back-dated) and validates control bodies', async () => {
      const seeded = await api.control.seedPurchase({
        tarif: 2,
        channel: 'web',
        api: false,
        created_at: 1_700_000_000,
        status: 'working',
      });
      expect(seeded).toMatchObject({
        api: false,
        created_at: 1_700_000_000,
        status: 'working',
        price: '135.00',
      });
      await expect(api.control.setBalance('-1')).rejects.toThrow(/422/);
      await expect(api.control.forceStatus(seeded.id, 'active' as never)).rejects.toThrow(/422/);
      await expect(api.control.forceStatus(987654, 'failed')).rejects.toThrow(/404/);
      await expect(api.control.seedPurchase({ tarif: 99, channel: '' })).rejects.toThrow(/tarif.*channel/);
      await expect(api.control.setRateLimit({ burst: 1, perSecond: 0 })).rejects.toThrow(/perSecond/);
    });

    it('works against a plain origin string too', async () => {
      const control = new SandboxControl(`${api.sandbox.origin}/`);
      expect((await control.state()).statusStepMs).toBe(600_000);
    });
  });

  describe('standalone main.ts', () => {
    const runMain = (env: Record<string, string>) =>
      spawn(process.execPath, ['-r', '@swc-node/register', 'apps/sandbox/src/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, SANDBOX_LOG_LEVEL: 'silent', ...env },
      });

    it('prints its address, serves, and exits cleanly on SIGTERM', async () => {
      const child = runMain({ SANDBOX_PORT: '0', SANDBOX_TOKEN: 'cli-token' });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const match = /listening on (http:\/\/\S+\/v1)/.exec(output);
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${output}`)));
      });
      const response = await fetch(`${url}/tarifs/1`, { headers: { authorization: 'Bearer cli-token' } });
      expect(response.status).toBe(200);
      const exitCode = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exitCode).toBe(0);
    });

    it('stops with one line naming an invalid setting', async () => {
      const child = runMain({ SANDBOX_RATE_LIMIT: 'fast' });
      let errors = '';
      child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(exitCode).toBe(1);
      expect(errors.trim().split('\n')).toEqual([expect.stringMatching(/^Invalid SANDBOX_RATE_LIMIT: /)]);
    });
  });
});
