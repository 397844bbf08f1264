import { call, until, type Answer, type CrashWorld } from './crash-world';

/** One create of the burst: who sent it, with which Idempotency-Key and body, and what came back. */
export interface KeyedCreate {
  customerKey: string;
  idempotencyKey: string;
  body: { channel: string } & Record<string, unknown>;
  answer: Answer;
}

export function createRequest(
  url: string,
  customerKey: string,
  idempotencyKey: string,
  body: KeyedCreate['body'],
) {
  return call(url, customerKey, 'POST', '/v1/purchases/create', body, { 'idempotency-key': idempotencyKey });
}

/**
 * What a client that got no answer does after the crash: send the create again with its key, and
 * again while the gateway says 409 (the first request might still be running). A first request that
 * had reserved its purchase is answered with that purchase as it stands (200 charged, 202 otherwise),
 * never bought again; one that died before reserving anything committed nothing, so the retry runs.
 */
export async function retryUnanswered(world: CrashWorld, url: string, creates: KeyedCreate[]) {
  const retried: { create: KeyedCreate; retry: Answer; reservedId: number | null }[] = [];
  for (const create of creates.filter((c) => c.answer.status === 0)) {
    const { rows } = await world.pool.query("SELECT id FROM purchases WHERE cart->>'channel' = $1", [
      create.body.channel,
    ]);
    let retry: Answer = { status: 409, body: undefined, replayed: false };
    await until(async () => {
      retry = await createRequest(url, create.customerKey, create.idempotencyKey, create.body);
      return retry.status !== 409;
    }, 60_000);
    retried.push({ create, retry, reservedId: rows.length === 1 ? (rows[0].id as number) : null });
  }
  return retried;
}
