import { randomUUID } from 'node:crypto';
import type { HttpAnswer } from '../../support/gateway-harness';
import { newCustomer, type PurchasesWorld, type TestCustomer } from '../../purchases/support';

export interface BurstLoad {
  customers: number;
  createsPerCustomer: number;
  /** Each customer's prepaid balance: a few holds' worth, so that the burst also meets 402s. */
  balance: string;
}

export interface CreateAnswer {
  customerId: string;
  idempotencyKey: string | null;
  replayed: boolean;
  status: number;
  type: string | null;
  purchaseId: number | null;
}

export interface Burst {
  customers: TestCustomer[];
  answers: CreateAnswer[];
  /** Each keyed request sent once more after the burst, as a client retrying would. */
  retries: { first: CreateAnswer[]; retry: CreateAnswer }[];
}

/** A cart of tariff 1 for a channel of its own, so that the reconciler can tell purchases apart. */
const cart = () => ({
  tarif: { id: 1, quantity: 100, duration: 1 },
  channel: `fm${randomUUID().slice(0, 13)}`,
});

/**
 * Every customer's creates at once. The first two of each customer share one Idempotency-Key and one
 * body (a client that sent twice), and are sent again once the burst is over.
 */
export async function fireBurst(world: PurchasesWorld, load: BurstLoad): Promise<Burst> {
  const customers: TestCustomer[] = [];
  for (let i = 0; i < load.customers; i++)
    customers.push(await newCustomer(world, { balance: load.balance }));
  const keyed = customers.map((customer) => ({ customer, key: randomUUID(), body: cart() }));
  const requests = customers.flatMap((customer, index) => {
    const { key, body } = keyed[index];
    return Array.from({ length: load.createsPerCustomer }, (_, n) =>
      n < 2 ? create(customer, body, key) : create(customer, cart(), null),
    );
  });
  const answers = await Promise.all(requests);
  const retries = [];
  for (const { customer, key, body } of keyed) {
    const first = answers.filter((answer) => answer.idempotencyKey === key);
    retries.push({ first, retry: await create(customer, body, key) });
  }
  return { customers, answers, retries };
}

async function create(customer: TestCustomer, body: object, key: string | null): Promise<CreateAnswer> {
  const res: HttpAnswer = await customer.call('POST', '/v1/purchases/create', {
    body,
    headers: key ? { 'idempotency-key': key } : {},
  });
  return {
    customerId: customer.id,
    idempotencyKey: key,
    replayed: res.headers.get('idempotent-replayed') === 'true',
    status: res.status,
    type: typeof res.body?.type === 'string' ? res.body.type : null,
    purchaseId: res.status === 200 || res.status === 202 ? (res.body.id as number) : null,
  };
}

/** "202 x12, 200 x20, ..." by status, then error type. */
export function tally(answers: CreateAnswer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status, type } of answers) {
    const label = type ? `${status} ${type}` : String(status);
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
