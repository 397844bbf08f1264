/** The customer side of the benchmark: a fixed, seeded mix of reads, creates and status polls. */
export type RequestKind = 'create' | 'status poll' | 'purchase list' | 'bulk read' | 'account';

export interface Customer {
  key: string;
  /** Gateway ids of the purchases this customer bought so far. */
  purchases: number[];
}

export interface Answer {
  kind: RequestKind;
  status: number;
}

const CART = { tarif: { id: 1, quantity: 100, duration: 1 }, channel: 'bench' };

/** Kinds in the proportions of the mix, shuffled with a fixed seed so that every run sends the same. */
export function planRequests(total: number, createShare: number): RequestKind[] {
  const creates = Math.round(total * createShare);
  const reads = total - creates;
  const kinds: RequestKind[] = [
    ...Array<RequestKind>(creates).fill('create'),
    ...Array<RequestKind>(Math.round(reads * 0.4)).fill('status poll'),
    ...Array<RequestKind>(Math.round(reads * 0.2)).fill('purchase list'),
    ...Array<RequestKind>(Math.round(reads * 0.15)).fill('bulk read'),
  ];
  while (kinds.length < total) kinds.push('account');
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  return kinds;
}

/** Sends one request of `kind` as `customer`; a poll or bulk read before any purchase reads the list. */
export async function send(gatewayUrl: string, customer: Customer, kind: RequestKind): Promise<Answer> {
  const own = customer.purchases;
  const path =
    kind === 'create'
      ? '/v1/purchases/create'
      : kind === 'account'
        ? '/v1/account'
        : kind === 'status poll' && own.length
          ? `/v1/purchases/${own[own.length - 1 - Math.floor(Math.random() * Math.min(own.length, 5))]}`
          : kind === 'bulk read' && own.length
            ? `/v1/purchases/bulk?ids=${own.slice(-20).join(',')}`
            : '/v1/purchases';
  const response = await fetch(`${gatewayUrl}${path}`, {
    method: kind === 'create' ? 'POST' : 'GET',
    headers: {
      authorization: `Bearer ${customer.key}`,
      ...(kind === 'create' ? { 'content-type': 'application/json' } : {}),
    },
    body: kind === 'create' ? JSON.stringify(CART) : undefined,
  });
  const body = (await response.json()) as { id?: number };
  if (kind === 'create' && response.status === 200 && body.id) own.push(body.id);
  return { kind, status: response.status };
}

/** Sends `kinds` at `perSecond` (open loop), round-robin over the customers; resolves with every answer. */
export async function runWorkload(
  gatewayUrl: string,
  customers: Customer[],
  kinds: RequestKind[],
  perSecond: number,
): Promise<Answer[]> {
  const started = Date.now();
  const pending: Promise<Answer>[] = [];
  for (const [index, kind] of kinds.entries()) {
    const due = started + (index * 1000) / perSecond;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    pending.push(send(gatewayUrl, customers[index % customers.length], kind));
  }
  return Promise.all(pending);
}
