export interface BenchOptions {
  serverUrl: string;
  repetitions: number;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** Requests/s of the open-loop create runs (latency without queueing). */
  createRate: number;
  redisUrl?: string;
  only?: 'reads' | 'creates';
  poolSize: string;
  logLevel: string;
}

const USAGE = `npm run bench -- [--quick] [--repetitions N] [--duration S] [--connections N]
  [--create-rate N] [--no-redis] [--only reads|creates] [--pool N] [--log-level info|silent]`;

/** Flags of `npm run bench -- ...`; the defaults give the README's figures in a few minutes. */
export function parseOptions(args: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const options: BenchOptions = {
    serverUrl: env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres',
    repetitions: 3,
    durationSeconds: 10,
    warmupSeconds: 3,
    connections: 50,
    createRate: 100,
    redisUrl: env.REDIS_URL || undefined,
    poolSize: env.DATABASE_POOL_SIZE || '10',
    logLevel: 'info',
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
    else if (flag === '--connections') options.connections = positive(flag, value());
    else if (flag === '--create-rate') options.createRate = positive(flag, value());
    else if (flag === '--no-redis') options.redisUrl = undefined;
    else if (flag === '--pool') options.poolSize = String(positive(flag, value()));
    else if (flag === '--log-level') options.logLevel = value();
    else if (flag === '--only') options.only = oneOf(flag, value(), ['reads', 'creates'] as const);
    else throw new Error(`Unknown flag ${flag}\n${USAGE}`);
  }
  return options;
}

function positive(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} must be a positive integer`);
  return value;
}

function oneOf<T extends string>(flag: string, raw: string, allowed: readonly T[]): T {
  if (!allowed.includes(raw as T)) throw new Error(`${flag} must be one of ${allowed.join(', ')}`);
  return raw as T;
}
