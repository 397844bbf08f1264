import { PrismaService } from '@app/database';
import { SandboxControl } from '@app/sandbox/control/sandbox-control';
import { startSandbox, type RunningSandbox } from '@app/sandbox/sandbox';
import { startGateway, type GatewayHarness, type HttpAnswer } from '../support/gateway-harness';
import { enableTarif, newCustomer, type PurchasesWorld, type TestCustomer } from '../purchases/support';

export const CREATE_PATH = 'POST /v1/purchases/create';

/** Without DATABASE_URL every suite shares one embedded database, which serves a single instance. */
export const EMBEDDED_DATABASE = Boolean(process.env.SSG_TEST_SHARED_DB_URL);

export type BudgetBackend = 'postgres' | 'redis';

/** Gateways on one sandbox that enforces StreamSkill's own bucket (30 burst, 2/s) unless told otherwise. */
export interface BudgetWorld {
  sandbox: RunningSandbox;
  control: SandboxControl;
  gateways: GatewayHarness[];
  /** The first gateway as a PurchasesWorld, for the purchases suite's helpers. */
  world: PurchasesWorld;
  close(): Promise<void>;
}

export interface BudgetWorldOptions {
  backend: BudgetBackend;
  /** Redis URL for the redis backend. */
  redisUrl?: string;
  instances?: number;
  env?: NodeJS.ProcessEnv;
}

/** The settings of the run: Redis when REDIS_URL is set (CI), the PostgreSQL fallback otherwise. */
export function defaultBackend(): Pick<BudgetWorldOptions, 'backend' | 'redisUrl'> {
  const redisUrl = process.env.REDIS_URL;
  return redisUrl ? { backend: 'redis', redisUrl } : { backend: 'postgres' };
}

export async function startBudgetWorld(options: BudgetWorldOptions): Promise<BudgetWorld> {
  const sandbox = await startSandbox({ port: 0 });
  const env: NodeJS.ProcessEnv = {
    BACKGROUND_JOBS_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    ...(options.backend === 'redis' ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  };
  const gateways: GatewayHarness[] = [];
  try {
    gateways.push(await startGateway({ env, sandbox }));
    // Every instance on the same database: the PostgreSQL backend's bucket lives there.
    for (let i = 1; i < (options.instances ?? 1); i++) {
      gateways.push(await startGateway({ env, sandbox, databaseUrl: gateways[0].databaseUrl }));
    }
  } catch (error) {
    await Promise.all(gateways.map((gw) => gw.close()));
    await sandbox.close();
    throw error;
  }
  const control = new SandboxControl(sandbox);
  const world = { gw: gateways[0], sandbox: control, prisma: gateways[0].app.get(PrismaService) };
  await skipUsedUpstreamIds(world);
  await enableTarif(world, 1);
  return {
    sandbox,
    control,
    gateways,
    world,
    close: async () => {
      await Promise.all(gateways.map((gw) => gw.close()));
      await sandbox.close();
    },
  };
}

/**
 * Every sandbox numbers its purchases from 1, while `upstream_id` is unique in a database the
 * embedded mode shares between suites: move this sandbox past the ids already stored (as
 * test/purchases does), then reset it so that its bucket and counters start afresh.
 */
async function skipUsedUpstreamIds({ prisma, sandbox }: PurchasesWorld): Promise<void> {
  const { _max } = await prisma.purchase.aggregate({ _max: { upstreamId: true } });
  for (let id = 1; id <= (_max.upstreamId ?? 0); id++) {
    await sandbox.seedPurchase({ tarif: 1, channel: 'skipped', foreign: true });
  }
  await sandbox.reset();
}

/** A customer with a balance for many creates. */
export function budgetCustomer(world: PurchasesWorld): Promise<TestCustomer> {
  return newCustomer(world, { balance: '5000.00', markupPercent: '10.00' });
}

/** Creates sent to the given gateway as this customer, with the purchases suite's cart. */
export function createOn(gw: GatewayHarness, customer: TestCustomer): Promise<HttpAnswer> {
  return gw.call('POST', '/v1/purchases/create', {
    key: customer.key,
    body: { tarif: { id: 1, quantity: 100, duration: 1 }, channel: 'twitch' },
  });
}

/** Every answer must be a purchase (200) or a refusal by the budget (503 upstream_busy + Retry-After). */
export function expectBoughtOrBusy(answers: HttpAnswer[]): void {
  for (const answer of answers) {
    if (answer.status === 200) continue;
    expect({ status: answer.status, type: answer.body?.type }).toEqual({
      status: 503,
      type: 'upstream_busy',
    });
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  }
}

export const succeeded = (answers: HttpAnswer[]) => answers.filter((answer) => answer.status === 200).length;

/** Holds still open for these customers: a refusal must leave none behind. */
export async function openHolds(world: PurchasesWorld, customerIds: string[]): Promise<number> {
  return world.prisma.hold.count({ where: { customerId: { in: customerIds }, state: 'open' } });
}

/** Polls until `condition` holds (or fails after `timeoutMs`). */
export async function until(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
