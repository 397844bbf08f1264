import { namedStatement, type NamedStatement, type PrismaService } from '@app/database';

/** A statement reading rows by (customer, id) pairs: `$1` the customers, `$2` the ids, both arrays. */
export type TenantBatchStatement = NamedStatement & { readonly tenantBatch: true };

/** The rows a batch statement returns: each says whose it is, so that it reaches that tenant only. */
export interface TenantRow {
  customerId: string;
  id: number;
}

const JOINS_ON_WANTED_PAIRS =
  /\bJOIN unnest\(\$1::uuid\[\], \$2::(int|integer)\[\]\) AS wanted\(customer_id, id\) USING \(customer_id, id\)/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_BATCH = 100;

/**
 * Declares a batch statement. Refused at load time unless it joins the table to the wanted
 * (customer_id, id) pairs on both columns: a row can only come back for the customer that asked.
 */
export function tenantBatchStatement(text: string): TenantBatchStatement {
  if (!JOINS_ON_WANTED_PAIRS.test(text))
    throw new Error(`A tenant batch statement must join on the wanted (customer_id, id) pairs: ${text}`);
  return { ...namedStatement(text), tenantBatch: true };
}

interface Wanted<R> {
  customerId: string;
  id: number;
  resolve(row: R | undefined): void;
  reject(error: unknown): void;
}

/**
 * Single-row reads by id that arrive together (the same turn of the event loop) go to PostgreSQL as
 * one statement: under load a round trip, a query and a backend wake-up serve tens of requests
 * instead of one (bench/README.md). Each reader gets only the row of its own (customer, id) pair,
 * matched on the customer id the row carries; a failed statement fails every read of its batch.
 */
export class TenantRowBatch<R extends TenantRow> {
  private queue: Wanted<R>[] = [];
  private scheduled = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly statement: TenantBatchStatement,
  ) {}

  read(customerId: string, id: number): Promise<R | undefined> {
    if (!UUID.test(customerId) || !Number.isInteger(id)) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      this.queue.push({ customerId, id, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) this.schedule();
    try {
      const customerIds = batch.map((wanted) => wanted.customerId);
      const ids = batch.map((wanted) => wanted.id);
      const rows = await this.prisma.run<R>(this.statement, [customerIds, ids]);
      const found = new Map(rows.map((row) => [pairKey(row.customerId, row.id), row]));
      for (const wanted of batch) wanted.resolve(found.get(pairKey(wanted.customerId, wanted.id)));
    } catch (error) {
      for (const wanted of batch) wanted.reject(error);
    }
  }
}

const pairKey = (customerId: string, id: number) => `${customerId.toLowerCase()}:${id}`;
