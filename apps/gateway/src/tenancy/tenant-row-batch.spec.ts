import type { PrismaService } from '@app/database';
import { tenantBatchStatement, TenantRowBatch } from './tenant-row-batch';

const STATEMENT = tenantBatchStatement(
  'SELECT customer_id AS "customerId", id FROM t JOIN unnest($1::uuid[], $2::int[]) AS wanted(customer_id, id) USING (customer_id, id)',
);
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

/** A database holding `rows`, answering the statement as PostgreSQL would; counts the statements. */
function databaseOf(rows: { customerId: string; id: number }[]) {
  const calls: unknown[][] = [];
  const prisma = {
    run: async (_statement: unknown, [customerIds, ids]: [string[], number[]]) => {
      calls.push([customerIds, ids]);
      return rows.filter((row) => customerIds.some((c, i) => c === row.customerId && ids[i] === row.id));
    },
  } as unknown as PrismaService;
  return { prisma, calls };
}

describe('TenantRowBatch', () => {
  it('sends the reads of one moment as one statement and gives each reader its own row only', async () => {
    const { prisma, calls } = databaseOf([
      { customerId: A, id: 1 },
      { customerId: B, id: 2 },
    ]);
    const batch = new TenantRowBatch(prisma, STATEMENT);
    const answers = await Promise.all([
      batch.read(A, 1),
      batch.read(B, 1),
      batch.read(B, 2),
      batch.read(A, 2),
    ]);
    expect(answers).toEqual([{ customerId: A, id: 1 }, undefined, { customerId: B, id: 2 }, undefined]);
    expect(calls).toEqual([
      [
        [A, B, B, A],
        [1, 1, 2, 2],
      ],
    ]);
  });

  it('fails every read of a batch whose statement fails, and reads again afterwards', async () => {
    let fail = true;
    const prisma = {
      run: async () => {
        if (fail) throw new Error('connection terminated');
        return [{ customerId: A, id: 1 }];
      },
    } as unknown as PrismaService;
    const batch = new TenantRowBatch(prisma, STATEMENT);
    const failed = await Promise.allSettled([batch.read(A, 1), batch.read(B, 1)]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(batch.read(A, 1)).resolves.toEqual({ customerId: A, id: 1 });
  });

  it('answers a malformed customer id or id with nothing, without sending it', async () => {
    const { prisma, calls } = databaseOf([]);
    const batch = new TenantRowBatch(prisma, STATEMENT);
    await expect(batch.read('not-a-uuid', 1)).resolves.toBeUndefined();
    await expect(batch.read(A, 1.5)).resolves.toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('splits a crowd into batches of at most 100', async () => {
    const { prisma, calls } = databaseOf([]);
    const batch = new TenantRowBatch(prisma, STATEMENT);
    await Promise.all(Array.from({ length: 250 }, (_, i) => batch.read(A, i + 1)));
    expect(calls.map(([customerIds]) => (customerIds as string[]).length)).toEqual([100, 100, 50]);
  });
});
