import fs from 'node:fs';
import pg from 'pg';

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system, every thread) a process has used so far; 0 once it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: the fields are counted from its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

export interface CpuUse {
  /** CPU seconds of each group over the measured interval. */
  [group: string]: number;
}

/**
 * CPU time of the processes involved, which other work on the machine does not inflate the way it
 * inflates latency: the gateway, the sandbox, this load generator, and the PostgreSQL backends
 * serving the scratch database.
 */
export class CpuMeter {
  constructor(private readonly groups: Record<string, () => Promise<number[]> | number[]>) {}

  async start(): Promise<() => Promise<CpuUse>> {
    const before = await this.sample();
    return async () => {
      const after = await this.sample();
      const use: CpuUse = {};
      for (const group of Object.keys(this.groups)) {
        let seconds = 0;
        for (const [pid, value] of after[group]) seconds += value - (before[group].get(pid) ?? 0);
        use[group] = seconds;
      }
      return use;
    };
  }

  private async sample(): Promise<Record<string, Map<number, number>>> {
    const sample: Record<string, Map<number, number>> = {};
    for (const [group, pids] of Object.entries(this.groups)) {
      sample[group] = new Map((await pids()).map((pid) => [pid, cpuSecondsOf(pid)]));
    }
    return sample;
  }
}

/** The PostgreSQL backends connected to one database (those of the gateway's pool). */
export function databaseBackends(databaseUrl: string): () => Promise<number[]> {
  const name = new URL(databaseUrl).pathname.slice(1);
  return async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      return rows.map((row) => row.pid);
    } finally {
      await client.end();
    }
  };
}
