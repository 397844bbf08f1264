import { Prisma, PrismaService } from '@app/database';
import type { BucketLimits, BudgetState, BudgetStore, TakeRequest, TakeResult } from './budget-store';
import { isBusy, msUntil } from './bucket-math';

interface TakeRow {
  /** Tokens left after the take; null when nothing was taken. */
  taken: number | null;
  exists: boolean;
  /** The bucket's level before the statement. */
  level: number;
  backoff_ms: number;
}

const float = (value: number) => Prisma.sql`${value}::float8`;

/** The bucket's level at `clock.now`: mirrors levelAt in bucket-math.ts. */
function level(alias: string, limits: BucketLimits): Prisma.Sql {
  const column = (name: string) => Prisma.raw(`${alias}.${name}`);
  return Prisma.sql`LEAST(${float(limits.burst)}, ${column('tokens')} + GREATEST(0,
    EXTRACT(EPOCH FROM (clock.now - ${column('updated_at')}))::float8) * ${float(limits.perSecond)})`;
}

/**
 * The bucket in PostgreSQL when there is no Redis: one row per bucket in upstream_budget_buckets. A
 * take is one conditional UPDATE ... RETURNING, atomic across instances (the row lock serialises
 * takes; the condition is re-checked on the latest row). PostgreSQL's clock is the one clock.
 */
export class PostgresBudgetStore implements BudgetStore {
  readonly backend = 'postgres';

  constructor(
    private readonly prisma: PrismaService,
    private readonly namespace: string,
    private readonly limits: BucketLimits,
  ) {}

  async take(request: TakeRequest): Promise<TakeResult> {
    const { customer } = request;
    let minTokens = request.minTokens;
    if (customer) {
      const own = await this.takeOne(this.name(`customer:${customer.id}`), customer.limits, 1);
      if (!own.granted) return { ...own, reason: 'customer' };
      if (isBusy(own.tokens + 1, request)) minTokens = customer.busyMinTokens;
    }
    const global = await this.takeOne(this.name('global'), this.limits, minTokens);
    // Two rows cannot be taken in one conditional UPDATE: the customer's token goes back instead.
    if (!global.granted && customer)
      await this.giveBack(this.name(`customer:${customer.id}`), customer.limits);
    return global;
  }

  async backOff(delayMs: number): Promise<void> {
    const { burst, perSecond } = this.limits;
    const delay = Prisma.sql`make_interval(secs => ${float(delayMs / 1000)})`;
    const restart = Prisma.sql`1 - ${float((delayMs / 1000) * perSecond)}`;
    await this.prisma.$executeRaw`
      WITH clock AS (SELECT clock_timestamp() AS now)
      INSERT INTO upstream_budget_buckets AS b (name, tokens, updated_at, backoff_until, rate_limited_total)
      SELECT ${this.name('global')}, LEAST(${float(burst)}, ${restart}), clock.now, clock.now + ${delay}, 1
      FROM clock
      ON CONFLICT (name) DO UPDATE SET
        tokens = LEAST(${restart}, LEAST(${float(burst)}, b.tokens + GREATEST(0,
          EXTRACT(EPOCH FROM (EXCLUDED.updated_at - b.updated_at))::float8) * ${float(perSecond)})),
        updated_at = GREATEST(b.updated_at, EXCLUDED.updated_at),
        backoff_until = GREATEST(b.backoff_until, EXCLUDED.backoff_until),
        rate_limited_total = b.rate_limited_total + 1`;
  }

  async state(): Promise<BudgetState> {
    const [row] = await this.prisma.$queryRaw<
      { level: number; backoff_ms: number; rate_limited_total: number | null }[]
    >`
      WITH clock AS (SELECT clock_timestamp() AS now)
      SELECT ${level('s', this.limits)} AS level, ${backoffMs('s')} AS backoff_ms, s.rate_limited_total
      FROM clock LEFT JOIN upstream_budget_buckets s ON s.name = ${this.name('global')}`;
    return {
      tokens: row.level,
      backoffMs: row.backoff_ms,
      rateLimitedTotal: row.rate_limited_total ?? 0,
    };
  }

  /** One bucket: take a token when it holds `needed`; otherwise report how long until it will. */
  private async takeOne(name: string, limits: BucketLimits, needed: number): Promise<TakeResult> {
    const row = await this.tryUpdate(name, limits, needed);
    if (row.taken !== null) return { granted: true, tokens: row.taken };
    if (!row.exists) {
      await this.prisma.$executeRaw`
        INSERT INTO upstream_budget_buckets (name, tokens, updated_at)
        VALUES (${name}, ${float(limits.burst)}, clock_timestamp()) ON CONFLICT (name) DO NOTHING`;
      return this.takeOne(name, limits, needed);
    }
    return denial(row, needed, limits.perSecond);
  }

  private async tryUpdate(name: string, limits: BucketLimits, needed: number): Promise<TakeRow> {
    const [row] = await this.prisma.$queryRaw<TakeRow[]>`
      WITH clock AS (SELECT clock_timestamp() AS now),
      taken AS (
        UPDATE upstream_budget_buckets AS b
        SET tokens = ${level('b', limits)} - 1, updated_at = GREATEST(b.updated_at, clock.now)
        FROM clock
        WHERE b.name = ${name}
          AND (b.backoff_until IS NULL OR b.backoff_until <= clock.now)
          AND ${level('b', limits)} >= ${float(needed)}
        RETURNING b.tokens
      )
      SELECT (SELECT tokens FROM taken) AS taken, s.name IS NOT NULL AS exists,
        ${level('s', limits)} AS level, ${backoffMs('s')} AS backoff_ms
      FROM clock LEFT JOIN upstream_budget_buckets s ON s.name = ${name}`;
    return row;
  }

  private async giveBack(name: string, limits: BucketLimits): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE upstream_budget_buckets SET tokens = LEAST(${float(limits.burst)}, tokens + 1) WHERE name = ${name}`;
  }

  private name(suffix: string): string {
    return `${this.namespace}:${suffix}`;
  }
}

function backoffMs(alias: string): Prisma.Sql {
  const column = Prisma.raw(`${alias}.backoff_until`);
  return Prisma.sql`GREATEST(0, EXTRACT(EPOCH FROM (${column} - clock.now))::float8 * 1000)`;
}

function denial(row: TakeRow, needed: number, perSecond: number): TakeResult {
  if (row.backoff_ms > 0) return { granted: false, reason: 'backoff', waitMs: Math.ceil(row.backoff_ms) };
  return { granted: false, reason: 'tokens', waitMs: msUntil(row.level, needed, perSecond) };
}
