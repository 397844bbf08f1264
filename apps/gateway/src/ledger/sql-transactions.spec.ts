import { Client, type PoolClient } from 'pg';
import type { PrismaService } from '@app/database';
import { Prisma } from '@app/database';
import { BEGIN_WITH_TIMEOUT } from './sql-transaction';
import { SqlTransactions } from './sql-transactions';

/**
 * A pooled client that records what it is sent and answers every statement with `{ ok: true }`, or
 * with the statement itself (`echo`).
 */
function fakeClient(failOn?: RegExp, commitAnswers = 'COMMIT', echo = false) {
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
        rows: [echo ? { statement: statement.trim() } : { ok: true }],
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
  describe('statements sent with the next one', () => {
    it('sends nothing until the next statement, then both in one message, in order', async () => {
      const { transactions, sent } = fakeClient();
      const answers = await transactions.run(async (tx) => {
        const inserted = tx.queryWithNext('INSERT INTO t VALUES ($1)', [1]);
        const updated = tx.withNext().$executeRaw(Prisma.sql`UPDATE u SET x = ${'a'}`);
        expect(sent).toEqual([]);
        const locked = await tx.query('SELECT x FROM v FOR UPDATE', []);
        await tx.query('SELECT $1', [2]);
        return { inserted: await inserted, updated: await updated, locked };
      });
      expect(sent).toEqual([
        `${BEGIN_WITH_TIMEOUT};\nINSERT INTO t VALUES ('1');\nUPDATE u SET x = 'a';\nSELECT x FROM v FOR UPDATE`,
        'SELECT $1 [2]',
        'COMMIT',
      ]);
      expect(answers).toEqual({
        inserted: [{ ok: true }],
        updated: 1,
        locked: [{ ok: true }],
      });
    });

    it('runs after the next one when placed after it, each answered with its own result', async () => {
      const { transactions, sent } = fakeClient(undefined, 'COMMIT', true);
      const answers = await transactions.run(async (tx) => {
        const recorded = tx.withNext('after').$queryRaw(Prisma.sql`UPDATE r SET x = ${'b'} RETURNING x`);
        const inserted = tx.queryWithNext('INSERT INTO t VALUES ($1)', [1]);
        const locked = await tx.query('SELECT x FROM v FOR UPDATE', []);
        return { recorded: await recorded, inserted: await inserted, locked };
      });
      expect(sent[0]).toBe(
        `${BEGIN_WITH_TIMEOUT};\nINSERT INTO t VALUES ('1');\nSELECT x FROM v FOR UPDATE;\nUPDATE r SET x = 'b' RETURNING x`,
      );
      expect(answers).toEqual({
        recorded: [{ statement: "UPDATE r SET x = 'b' RETURNING x" }],
        inserted: [{ statement: "INSERT INTO t VALUES ('1')" }],
        locked: [{ statement: 'SELECT x FROM v FOR UPDATE' }],
      });
    });

    it('travels with a later statement of a begun transaction too, without BEGIN', async () => {
      const { transactions, sent } = fakeClient();
      await transactions.run(async (tx) => {
        await tx.query('SELECT $1', [1]);
        const locked = tx.queryWithNext('SELECT b FROM balances WHERE id = $1 FOR UPDATE', [3]);
        await tx.query('SELECT h FROM holds WHERE id = $1 FOR UPDATE', [4]);
        return locked;
      });
      expect(sent[1]).toBe(
        "SELECT b FROM balances WHERE id = '3' FOR UPDATE;\nSELECT h FROM holds WHERE id = '4' FOR UPDATE",
      );
    });

    it('rejects both and rolls back when their message fails', async () => {
      const { transactions, sent, released } = fakeClient(/INSERT/);
      let inserted: Promise<unknown> = Promise.resolve();
      const work = transactions.run(async (tx) => {
        inserted = tx.queryWithNext('INSERT INTO t VALUES ($1)', [1]);
        await tx.query('SELECT $1', [2]);
      });
      await expect(work).rejects.toThrow('refused');
      await expect(inserted).rejects.toThrow('refused');
      expect(sent.at(-1)).toBe('ROLLBACK');
      expect(released).toEqual([undefined]);
    });

    it('never sends COMMIT after them: queryAndCommit refuses, and the transaction rolls back', async () => {
      const { transactions, sent } = fakeClient();
      const work = transactions.run(async (tx) => {
        await tx.query('SELECT $1', [1]);
        void tx.queryWithNext('UPDATE t SET x = $1', [2]);
        return tx.queryAndCommit('UPDATE u SET y = $1', [3]);
      });
      await expect(work).rejects.toThrow(/never came/);
      expect(sent).toEqual([`${BEGIN_WITH_TIMEOUT};\nSELECT '1'`, 'ROLLBACK']);
    });

    it('never sends one that no statement followed: the work fails, and it is rejected unsent', async () => {
      const { transactions, sent } = fakeClient();
      let waiting: Promise<unknown> = Promise.resolve();
      const work = transactions.run(async (tx) => {
        await tx.query('SELECT $1', [1]);
        waiting = tx.queryWithNext('UPDATE t SET x = $1', [2]);
      });
      await expect(work).rejects.toThrow(/never came/);
      await expect(waiting).rejects.toThrow(/ended before/);
      expect(sent).toEqual([`${BEGIN_WITH_TIMEOUT};\nSELECT '1'`, 'ROLLBACK']);
    });

    it('is no unhandled rejection when the work fails before sending it', async () => {
      const { transactions, sent } = fakeClient();
      const unhandled = jest.fn();
      process.on('unhandledRejection', unhandled);
      try {
        const work = transactions.run(async (tx) => {
          void tx.queryWithNext('INSERT INTO t VALUES ($1)', [1]);
          throw new Error('402');
        });
        await expect(work).rejects.toThrow('402');
        await new Promise((resolve) => setImmediate(resolve));
        expect(unhandled).not.toHaveBeenCalled();
        expect(sent).toEqual([]);
      } finally {
        process.off('unhandledRejection', unhandled);
      }
    });
  });

  it('sends nothing once the transaction ended: a late statement of failed work never runs outside it', async () => {
    const { transactions, sent, released } = fakeClient();
    let late: Promise<unknown> = Promise.resolve();
    const work = transactions.run(async (tx) => {
      await tx.query('SELECT $1', [1]);
      late = (async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return tx.query('UPDATE t SET x = $1', [2]);
      })();
      throw new Error('no');
    });
    await expect(work).rejects.toThrow('no');
    await expect(late).rejects.toThrow(/has ended/);
    expect(sent).toEqual([`${BEGIN_WITH_TIMEOUT};\nSELECT '1'`, 'ROLLBACK']);
    expect(released).toEqual([undefined]);
  });
});
