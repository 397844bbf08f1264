import { Client, type PoolClient } from 'pg';
import type { PrismaService } from '@app/database';
import { Prisma } from '@app/database';
import { BEGIN_WITH_TIMEOUT } from './sql-transaction';
import { SqlTransactions } from './sql-transactions';

/** A pooled client that records what it is sent and answers every statement with `rows`. */
function fakeClient(failOn?: RegExp, commitAnswers = 'COMMIT') {
  const sent: string[] = [];
  const released: (Error | undefined)[] = [];
  const client = {
    escapeLiteral: Client.prototype.escapeLiteral,
    query: jest.fn(async (query: string | { text: string; values?: unknown[] }) => {
      const text = typeof query === 'string' ? query : query.text;
      const values = typeof query === 'string' ? undefined : query.values;
      sent.push(values ? `${text} ${JSON.stringify(values)}` : text);
      if (failOn?.test(text)) throw new Error('refused');
      const result = (statement: string) => ({
        rows: [{ ok: true }],
        rowCount: 1,
        command: statement.trim() === 'COMMIT' ? commitAnswers : statement.trim().split(' ')[0],
      });
      return text.includes(';') ? text.split(';').map(result) : result(text);
    }),
    release: (error?: Error) => void released.push(error),
  };
  const prisma = { pool: { connect: async () => client as unknown as PoolClient } };
  return { transactions: new SqlTransactions(prisma as unknown as PrismaService), sent, released };
}

describe('SqlTransactions', () => {
  it('sends BEGIN with the first statement and COMMIT with the last one', async () => {
    const { transactions, sent, released } = fakeClient();
    const rows = await transactions.run(async (tx) => {
      await tx.$queryRaw(Prisma.sql`SELECT ${"it's"}::text`);
      await tx.query('UPDATE t SET amount = $1', [new Prisma.Decimal('5.50')]);
      return tx.queryAndCommit('UPDATE t SET x = $1 WHERE id = $2', [null, 7]);
    });
    expect(rows).toEqual([{ ok: true }]);
    expect(sent).toEqual([
      `${BEGIN_WITH_TIMEOUT};\nSELECT 'it''s'::text`,
      'UPDATE t SET amount = $1 ["5.5"]',
      "UPDATE t SET x = NULL WHERE id = '7';\nCOMMIT",
    ]);
    expect(released).toEqual([undefined]);
  });

  it('commits on its own when the work did not', async () => {
    const { transactions, sent } = fakeClient();
    await transactions.run((tx) => tx.query('SELECT $1', [1]));
    expect(sent).toEqual([`${BEGIN_WITH_TIMEOUT};\nSELECT '1'`, 'COMMIT']);
  });

  it('fails when COMMIT answers ROLLBACK (a statement error was swallowed), and drops the client', async () => {
    const { transactions, released } = fakeClient(undefined, 'ROLLBACK');
    await expect(transactions.run((tx) => tx.query('SELECT $1', [1]))).rejects.toThrow(/rolled back/);
    expect(released).toHaveLength(1);
    expect(released[0]).toBeInstanceOf(Error);
  });

  it('rolls back when a statement fails, also the one that carried COMMIT', async () => {
    for (const failing of [/^UPDATE/, /COMMIT/]) {
      const { transactions, sent, released } = fakeClient(failing);
      const work = transactions.run(async (tx) => {
        await tx.query('SELECT $1', [1]);
        return tx.queryAndCommit('UPDATE t SET x = $1', [2]);
      });
      await expect(work).rejects.toThrow('refused');
      expect(sent.at(-1)).toBe('ROLLBACK');
      expect(released).toEqual([undefined]);
    }
  });

  it('sends nothing and hands the client back when the work fails before any statement', async () => {
    const { transactions, sent, released } = fakeClient();
    await expect(transactions.run(async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(sent).toEqual([]);
    expect(released).toEqual([undefined]);
  });
});
