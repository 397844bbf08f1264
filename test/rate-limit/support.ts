import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { GatewayHarness, HttpAnswer } from '../support/gateway-harness';
import { createCustomer, issueKey, pollUntil } from '../auth/support';

export const HAS_REDIS_SERVER = spawnSync('redis-server', ['--version']).status === 0;

/** Counters of one suite never meet another's, even on one Redis. */
export const uniquePrefix = () => `ssg-test:${randomUUID()}:`;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A redis-server of the suite's own, without persistence, that it can stop and start again. */
export class OwnRedis {
  private process?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn('redis-server', ['--port', String(this.port), '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await pollUntil(async () => this.cli('ping') === 'PONG', { attempts: 50, intervalMs: 100 });
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  cli(...args: string[]): string {
    return spawnSync('redis-cli', ['-p', String(this.port), ...args], { encoding: 'utf8' }).stdout.trim();
  }
}

/** A Redis URL for the suite: the run's REDIS_URL (CI), or a redis-server it starts itself. */
export async function suiteRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => undefined };
  const own = await OwnRedis.start();
  return { url: own.url, stop: () => own.stop() };
}

/** Limits no test reaches unless it means to: each test lowers the one it is about. */
export function rateLimitEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    RATE_LIMIT_DEFAULT_BURST: '100000',
    RATE_LIMIT_DEFAULT_PER_MINUTE: '1000000',
    RATE_LIMIT_ADMIN_BURST: '100000',
    RATE_LIMIT_ADMIN_PER_MINUTE: '1000000',
    RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '100000',
    RATE_LIMIT_REDIS_PREFIX: uniquePrefix(),
    // A loaded test machine can stall the event loop past a short timeout, and a timed-out hit is
    // counted in memory instead (the documented outage behaviour): exact counts need a long one.
    RATE_LIMIT_REDIS_TIMEOUT_MS: '5000',
    ...overrides,
  };
}

export async function putPlan(gw: GatewayHarness, name: string, limits: Record<string, unknown>) {
  const res = await gw.call('PUT', `/v1/admin/rate-limit-plans/${name}`, { key: gw.adminKey, body: limits });
  if (res.status !== 200) throw new Error(`put plan: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A customer on a plan of its own with these limits, and one key of it. */
export async function customerOnPlan(gw: GatewayHarness, limits: Record<string, unknown>) {
  const plan = `p-${randomUUID().slice(0, 8)}`;
  await putPlan(gw, plan, limits);
  const customer = await createCustomer(gw, { plan });
  const issued = await issueKey(gw, customer.id);
  return { plan, customer, key: issued.key, keyId: issued.id };
}

export function statuses(answers: HttpAnswer[]): number[] {
  return answers.map((answer) => answer.status);
}

export const count = (values: number[], value: number) => values.filter((v) => v === value).length;

/** Sequential requests, so that the count before the first 429 is exact. */
export async function sequentially(times: number, call: (index: number) => Promise<HttpAnswer>) {
  const answers: HttpAnswer[] = [];
  for (let index = 0; index < times; index++) answers.push(await call(index));
  return answers;
}
