export const SCENARIOS = ['plain', 'hello', 'bare-read', 'auth-read', 'create'] as const;
export type Scenario = (typeof SCENARIOS)[number];
const GROUPS: Record<string, readonly Scenario[]> = {
  reads: ['plain', 'hello', 'bare-read', 'auth-read'],
  creates: ['create'],
};

export interface BenchOptions {
  serverUrl: string;
  repetitions: number;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** Requests/s of the open-loop create runs: below the gateway's capacity, so latency without queueing. */
  createRate: number;
  redisUrl?: string;
  /** Scenarios to run: all by default. */
  only: ReadonlySet<Scenario>;
  /**
   * synchronous_commit=off on the scratch database: commits stop waiting for the disk, which shows the
   * gateway's own cost of a create apart from this machine's fsync latency. Not a production setting.
   */
  asyncCommit: boolean;
  /** Write a V8 CPU profile of each gateway process into this directory. */
  cpuProfileDir?: string;
  poolSize: string;
  logLevel: string;
}

const USAGE = `npm run bench -- [--quick] [--repetitions N] [--duration S] [--warmup S] [--connections N]
  [--create-rate N] [--no-redis] [--async-commit] [--only reads|creates|plain,hello,bare-read,auth-read,create] [--pool N]
  [--log-level info|silent] [--cpu-prof DIR]`;

/** Flags of `npm run bench -- ...`; the defaults give the README's figures in a few minutes. */
export function parseOptions(args: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const options: BenchOptions = {
    serverUrl: env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres',
    repetitions: 3,
    durationSeconds: 10,
    warmupSeconds: 3,
    connections: 50,
    createRate: 20,
    redisUrl: env.REDIS_URL || undefined,
    poolSize: env.DATABASE_POOL_SIZE || '10',
    logLevel: 'info',
    only: new Set(SCENARIOS),
    asyncCommit: false,
  };
  for (let index = 0; index < args.length; index++) {
    const flag = args[index];
    const value = () => {
      const next = args[++index];
      if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return next;
    };
    if (flag === '--quick') Object.assign(options, { repetitions: 1, durationSeconds: 5, warmupSeconds: 1 });
    else if (flag === '--repetitions') options.repetitions = positive(flag, value());
    else if (flag === '--duration') options.durationSeconds = positive(flag, value());
    else if (flag === '--warmup') options.warmupSeconds = Number(value()) || 0;
    else if (flag === '--connections') options.connections = positive(flag, value());
    else if (flag === '--create-rate') options.createRate = positive(flag, value());
    else if (flag === '--no-redis') options.redisUrl = undefined;
    else if (flag === '--async-commit') options.asyncCommit = true;
    else if (flag === '--pool') options.poolSize = String(positive(flag, value()));
    else if (flag === '--log-level') options.logLevel = value();
    else if (flag === '--only') options.only = scenarios(value());
    else if (flag === '--cpu-prof') options.cpuProfileDir = value();
    else throw new Error(`Unknown flag ${flag}\n${USAGE}`);
  }
  return options;
}

function positive(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} must be a positive integer`);
  return value;
}

function scenarios(raw: string): Set<Scenario> {
  const chosen = raw.split(',').flatMap((name) => {
    if (GROUPS[name]) return GROUPS[name];
    if ((SCENARIOS as readonly string[]).includes(name)) return [name as Scenario];
    throw new Error(`--only takes reads, creates or a list of ${SCENARIOS.join(', ')}`);
  });
  return new Set(chosen);
}
