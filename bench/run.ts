/**
 * npm run bench: the gateway against baselines measured in the same run (see bench/README.md).
 * Real PostgreSQL from DATABASE_URL (a scratch database is created and dropped), Redis from REDIS_URL.
 */
import os from 'node:os';
import { SANDBOX_TOKEN } from './servers/sandbox-token';
import { CpuMeter, databaseBackends } from './support/cpu-meter';
import { parseOptions, type BenchOptions } from './support/options';
import { startServer, type RunningServer } from './support/processes';
import {
  createScenarios,
  plainRouteScenario,
  readScenarios,
  type ScenarioContext,
} from './support/scenarios';
import { createScratchDatabase } from './support/scratch-database';
import { seedDatabase } from './support/seed';
import { mb, renderTable, type Row } from './support/table';

const PEPPER = 'bench-pepper-0123456789abcdef0123456789abcdef';

/**
 * Every request is counted by the throttler and takes budget tokens, but none is refused or waits.
 * The budget keeps `perSecond x 1 s` tokens in hand (its skew allowance): the bucket must be much
 * larger than the refill rate, or every take would wait for a full bucket.
 */
const LIFTED_LIMITS: NodeJS.ProcessEnv = {
  RATE_LIMIT_DEFAULT_BURST: '1000000',
  RATE_LIMIT_DEFAULT_PER_MINUTE: '60000000',
  RATE_LIMIT_ADMIN_BURST: '1000000',
  RATE_LIMIT_ADMIN_PER_MINUTE: '60000000',
  UPSTREAM_BUDGET_BURST: '10000',
  UPSTREAM_BUDGET_PER_SECOND: '2000',
  UPSTREAM_BUDGET_PER_CUSTOMER_BURST: '10000',
  UPSTREAM_BUDGET_PER_CUSTOMER_PER_SECOND: '2000',
  UPSTREAM_BUDGET_BUSY_CUSTOMER_RESERVE: '0',
};

const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const database = await createScratchDatabase(options.serverUrl, { asyncCommit: options.asyncCommit });
  const servers: RunningServer[] = [];
  const rows: Row[] = [];
  try {
    log(`scratch database ${new URL(database.url).pathname.slice(1)} migrated; seeding`);
    const seed = await seedDatabase(database.url, {
      customers: options.connections,
      purchasesPerCustomer: 200,
      readPurchasesPerCustomer: 5,
      pepper: PEPPER,
    });
    const sandbox = await startServer('sandbox', 'sandbox-server.ts', {});
    servers.push(sandbox);
    let gateway: RunningServer | undefined;
    let plain: RunningServer | undefined;
    const cpu = new CpuMeter({
      plain: () => (plain ? [plain.pid] : []),
      gateway: () => (gateway ? [gateway.pid] : []),
      sandbox: () => [sandbox.pid],
      postgres: databaseBackends(database.url),
      loadGenerator: () => [process.pid],
    });
    const context: ScenarioContext = { seed, options, cpu, log };
    const startGateway = async (name: string, redisUrl: string | undefined) => {
      const env = gatewayEnv(options, { databaseUrl: database.url, sandboxUrl: sandbox.url, redisUrl });
      gateway = await startServer(name, 'gateway-server.ts', env, { cpuProfileDir: options.cpuProfileDir });
      servers.push(gateway);
      await sleep(2_000);
      rows.push({ scenario: `${name}: RSS at rest`, note: mb(gateway.rss()) });
      return gateway;
    };

    const { only } = options;
    if (only.has('plain')) {
      plain = await startServer('plain NestJS app', 'plain-nest-server.ts', {});
      const calibration = await plainRouteScenario(plain, context);
      context.plainRoute = calibration.result.requestsPerSecond;
      rows.push(calibration.row);
      await plain.stop();
      plain = undefined;
    }
    const inMemory = await startGateway('gateway, in-memory throttler', undefined);
    if (only.has('hello') || only.has('bare-read') || only.has('auth-read')) {
      rows.push(...(await readScenarios(inMemory, context, 'in-memory throttler')));
    }
    let creating = inMemory;
    if (options.redisUrl && (only.has('auth-read') || only.has('create'))) {
      await inMemory.stop();
      creating = await startGateway('gateway, Redis throttler and budget', options.redisUrl);
      if (only.has('auth-read')) {
        rows.push(...(await readScenarios(creating, context, 'Redis throttler', { withBaselines: false })));
      }
    }
    if (only.has('create')) rows.push(...(await createScenarios(creating, sandbox, context)));
    rows.push({ scenario: 'sandbox: RSS after the runs', note: mb(sandbox.rss()) });
    if (options.cpuProfileDir) log(`CPU profiles of the gateway processes in ${options.cpuProfileDir}`);

    process.stdout.write(`\n${renderTable(rows)}\n\n`);
    process.stdout.write(
      `${options.repetitions} x ${options.durationSeconds} s per row (the median run), ${options.connections} ` +
        `connections, database pool ${options.poolSize}, LOG_LEVEL=${options.logLevel}` +
        `${options.asyncCommit ? ', synchronous_commit=off' : ''}; the gateway, the sandbox, ` +
        `PostgreSQL${options.redisUrl ? ', Redis' : ''} and autocannon share ${os.availableParallelism()} cores ` +
        `(load average ${os.loadavg()[0].toFixed(1)} at the end).\n`,
    );
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await database.drop();
  }
}

function gatewayEnv(
  options: BenchOptions,
  { databaseUrl, sandboxUrl, redisUrl }: { databaseUrl: string; sandboxUrl: string; redisUrl?: string },
): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: options.poolSize,
    REDIS_URL: redisUrl ?? '',
    RATE_LIMIT_REDIS_PREFIX: `ssg:bench:${process.pid}:`,
    STREAMSKILL_BASE_URL: sandboxUrl,
    STREAMSKILL_API_TOKEN: SANDBOX_TOKEN,
    GATEWAY_KEY_PEPPER: PEPPER,
    LOG_LEVEL: options.logLevel,
    BACKGROUND_JOBS_ENABLED: 'false',
    METRICS_TOKEN: '',
    ...LIFTED_LIMITS,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
