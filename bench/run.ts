/**
 * npm run bench: the gateway against baselines measured in the same run (see bench/README.md).
 * Real PostgreSQL from DATABASE_URL (a scratch database is created and dropped), Redis from REDIS_URL.
 */
import { SANDBOX_TOKEN } from './servers/sandbox-token';
import { parseOptions } from './support/options';
import { startServer, type RunningServer } from './support/processes';
import { readScenarios, createScenarios } from './support/scenarios';
import { createScratchDatabase } from './support/scratch-database';
import { seedDatabase } from './support/seed';
import { mb, renderTable, type Row } from './support/table';

const PEPPER = 'bench-pepper-0123456789abcdef0123456789abcdef';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const database = await createScratchDatabase(options.serverUrl);
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
    const gatewayEnv = (redisUrl: string | undefined): NodeJS.ProcessEnv => ({
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: options.poolSize,
      REDIS_URL: redisUrl ?? '',
      RATE_LIMIT_REDIS_PREFIX: `ssg:bench:${process.pid}:`,
      STREAMSKILL_BASE_URL: sandbox.url,
      STREAMSKILL_API_TOKEN: SANDBOX_TOKEN,
      GATEWAY_KEY_PEPPER: PEPPER,
      LOG_LEVEL: options.logLevel,
      BACKGROUND_JOBS_ENABLED: 'false',
      METRICS_TOKEN: '',
      ...LIFTED_LIMITS,
    });
    const start = async (name: string, redisUrl: string | undefined) => {
      const gateway = await startServer(name, 'gateway-server.ts', gatewayEnv(redisUrl));
      servers.push(gateway);
      await sleep(2_000);
      rows.push({ scenario: `${name}: RSS at rest`, note: mb(gateway.rss()) });
      return gateway;
    };

    const memory = await start('gateway (in-memory throttler)', undefined);
    if (options.only !== 'creates')
      rows.push(...(await readScenarios(memory, seed, options, 'in-memory throttler', log)));
    let creating = memory;
    if (options.redisUrl) {
      await memory.stop();
      creating = await start('gateway (Redis throttler and budget)', options.redisUrl);
      if (options.only !== 'creates') {
        const redisRows = await readScenarios(creating, seed, options, 'Redis throttler', log, {
          authenticatedOnly: true,
        });
        rows.push(...redisRows);
      }
    }
    if (options.only !== 'reads')
      rows.push(...(await createScenarios(creating, sandbox, seed, options, log)));
    rows.push({ scenario: 'sandbox: RSS after the runs', note: mb(sandbox.rss()) });

    process.stdout.write(`\n${renderTable(rows)}\n\n`);
    process.stdout.write(
      `${options.repetitions} x ${options.durationSeconds} s per row (median run), ${options.connections} connections, ` +
        `autocannon in this process; gateway, sandbox, PostgreSQL${options.redisUrl ? ', Redis' : ''} and the load ` +
        `generator share this machine's ${require('node:os').availableParallelism()} cores.\n`,
    );
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await database.drop();
  }
}

/** Every request is counted by the throttler and takes budget tokens, but none is refused. */
const LIFTED_LIMITS: NodeJS.ProcessEnv = {
  RATE_LIMIT_DEFAULT_BURST: '1000000',
  RATE_LIMIT_DEFAULT_PER_MINUTE: '60000000',
  RATE_LIMIT_ADMIN_BURST: '1000000',
  RATE_LIMIT_ADMIN_PER_MINUTE: '60000000',
  UPSTREAM_BUDGET_BURST: '10000',
  UPSTREAM_BUDGET_PER_SECOND: '10000',
  UPSTREAM_BUDGET_PER_CUSTOMER_BURST: '10000',
  UPSTREAM_BUDGET_PER_CUSTOMER_PER_SECOND: '10000',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error: unknown) => {
  process.stderr.write(
    `Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
