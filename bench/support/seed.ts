import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { hashSecret, issueApiKey } from '../../apps/gateway/src/auth/api-key-format';
import { DEFAULT_CUSTOMER_SCOPES } from '../../apps/gateway/src/auth/scopes';

export interface SeededCustomer {
  id: string;
  key: string;
  /** A few of its purchases, for the read benchmarks. */
  purchaseIds: number[];
}

export interface Seed {
  adminKey: string;
  customers: SeededCustomer[];
}

export interface SeedOptions {
  customers: number;
  purchasesPerCustomer: number;
  /** How many of each customer's purchases the reads go through. */
  readPurchasesPerCustomer: number;
  pepper: string;
}

const BALANCE = '1000000000.00';

/**
 * Customers, keys, balances (with the credit entry that explains them) and charged purchases, written
 * straight into the database: quicker than the API, and the API is what is being measured.
 */
export async function seedDatabase(url: string, options: SeedOptions): Promise<Seed> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const admin = issueApiKey();
    await insertKey(client, null, admin.publicId, hashSecret(admin.secret, options.pepper), ['admin']);
    const customers: SeededCustomer[] = [];
    for (let index = 0; index < options.customers; index++) {
      const id = randomUUID();
      await client.query(
        `INSERT INTO customers (id, name, markup_percent, updated_at) VALUES ($1, $2, 10, now())`,
        [id, `bench-${index}`],
      );
      const issued = issueApiKey();
      await insertKey(client, id, issued.publicId, hashSecret(issued.secret, options.pepper), [
        ...DEFAULT_CUSTOMER_SCOPES,
      ]);
      await client.query(
        `INSERT INTO balances (customer_id, total, held, updated_at) VALUES ($1, $2, 0, now())`,
        [id, BALANCE],
      );
      await client.query(
        `INSERT INTO ledger_entries (customer_id, type, amount, total_delta, held_delta, total_after, held_after,
           reason, actor_type)
         VALUES ($1, 'credit', $2, $2, 0, $2, 0, 'benchmark top-up', 'system')`,
        [id, BALANCE],
      );
      const purchases = await client.query<{ id: number }>(
        `INSERT INTO purchases (customer_id, upstream_id, tarif_id, cart, billing_state, status, quoted_price, price,
           upstream_price, currency, markup_percent, order_type, service, channel, parent, api, chatbot,
           upstream_created_at, updated_at)
         SELECT $1, $2 + n, 1, '{"tarif":{"id":1,"quantity":100,"duration":1},"channel":"bench"}', 'charged',
           'working', 5.50, 5.50, 5.0000, 'usd', 10, 'twitch_viewers', 'twitch', 'bench', false, true, false,
           extract(epoch FROM now())::int, now()
         FROM generate_series(1, $3) AS n
         RETURNING id`,
        [id, 1_000_000 + index * options.purchasesPerCustomer, options.purchasesPerCustomer],
      );
      const ids = purchases.rows.map((row) => row.id);
      customers.push({ id, key: issued.key, purchaseIds: spread(ids, options.readPurchasesPerCustomer) });
    }
    await client.query('ANALYZE');
    return { adminKey: admin.key, customers };
  } finally {
    await client.end();
  }
}

function insertKey(
  client: pg.Client,
  customerId: string | null,
  publicId: string,
  hash: string,
  scopes: string[],
) {
  return client.query(
    `INSERT INTO api_keys (id, customer_id, public_id, name, secret_hash, scopes, allowed_ips, updated_at)
     VALUES ($1, $2, $3, 'bench', $4, $5, '{}', now())`,
    [randomUUID(), customerId, publicId, hash, scopes],
  );
}

/** `count` ids spread over the whole list, so that reads do not all hit the newest rows. */
function spread(ids: number[], count: number): number[] {
  const step = Math.max(1, Math.floor(ids.length / count));
  return ids.filter((_, index) => index % step === 0).slice(0, count);
}
