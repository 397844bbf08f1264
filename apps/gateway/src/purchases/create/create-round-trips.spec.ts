import type { PoolClient } from 'pg';
import { Client } from 'pg';
import { Prisma } from '@app/database';
import type { PrismaService, Purchase } from '@app/database';
import type { CartObject } from '@app/streamskill';
import type { GatewayConfig } from '../../config/gateway-config';
import { IdempotencyService } from '../../idempotency/idempotency.service';
import { IdempotentExecution } from '../../idempotency/idempotent-execution';
import { BalanceBook } from '../../ledger/balance-book';
import { CaptureHold } from '../../ledger/capture-hold';
import { HoldAlreadySettledError, HoldBook, HoldNotFoundError } from '../../ledger/hold-book';
import { LedgerService } from '../../ledger/ledger.service';
import { PlaceHold } from '../../ledger/place-hold';
import { ReleaseHold } from '../../ledger/release-hold';
import { SettlementLocks } from '../../ledger/settlement-locks';
import { SqlTransactions } from '../../ledger/sql-transactions';
import type { PricingService } from '../../pricing/pricing.service';
import type { Quote } from '../../pricing/quote';
import { RequestContext } from '../../tenancy/request-context';
import { CustomerMoneyQueue } from '../customer-money-queue';
import { StreamSkillHttpError } from '@app/streamskill';
import { ReserveCreateFunds } from './reserve-create-funds';
import { SettleCreateOutcome } from './settle-create-outcome';

const CUSTOMER = '0b6f4a7e-2d7c-4f8e-9a51-3c2d1e0f9a8b';
const OTHER_CUSTOMER = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';
const PURCHASE_ID = 41;
const HOLD_ID = 9n;
const CART = { tarif: { id: 3, quantity: 100 }, channel: 'twitch' } as unknown as CartObject;
const money = (value: string) => new Prisma.Decimal(value);

/**
 * A pooled client standing in for PostgreSQL: each `query` call is one round trip, answered per
 * statement of its message as the real tables would answer them.
 */
function countingDatabase(
  hold: { customerId: string; state: string } = { customerId: CUSTOMER, state: 'open' },
) {
  const messages: string[][] = [];
  const answer = (statement: string) => {
    const result = (rows: object[], rowCount = rows.length) => ({
      rows,
      rowCount,
      command: statement.split(' ')[0],
    });
    if (/^INSERT INTO purchases/.test(statement))
      return result([
        { id: PURCHASE_ID, customerId: CUSTOMER, markupPercent: money('20'), quotedPrice: money('5') },
      ]);
    if (/^UPDATE idempotency_records/.test(statement)) return result([], 1);
    if (/FROM balances b JOIN customers/.test(statement))
      return result([
        { customerId: CUSTOMER, total: money('100'), held: money('0'), creditLimit: money('0') },
      ]);
    if (/FROM holds WHERE id/.test(statement))
      return result([
        { id: HOLD_ID, purchaseId: PURCHASE_ID, amount: money('5.50'), capturedAmount: null, ...hold },
      ]);
    if (/^WITH hold AS/.test(statement)) return result([{ id: 1n, holdId: HOLD_ID }]);
    if (/^UPDATE purchases/.test(statement)) return result([{ id: PURCHASE_ID, billingState: 'charged' }]);
    return result([]);
  };
  const client = {
    escapeLiteral: Client.prototype.escapeLiteral,
    query: jest.fn(async (query: string | { text: string }) => {
      const text = typeof query === 'string' ? query : query.text;
      const statements = text.split(/;\n|; (?=SET LOCAL)/).map((statement) => statement.trim());
      messages.push(statements.map((statement) => statement.split(/\s+/).slice(0, 3).join(' ')));
      return statements.length > 1 ? statements.map(answer) : answer(statements[0]);
    }),
    release: jest.fn(),
  };
  const prisma = {
    pool: { connect: async () => client as unknown as PoolClient },
  } as unknown as PrismaService;
  return { prisma, messages, roundTrips: () => client.query.mock.calls.length };
}

function createFlow(prisma: PrismaService) {
  const config = {
    purchases: { holdMarginPercent: 10, settleDeadlineMs: 900_000 },
    streamSkill: { writeTimeoutMs: 30_000 },
    upstreamBudget: { waitMs: 5_000 },
  } as unknown as GatewayConfig;
  const balances = new BalanceBook();
  const holds = new HoldBook();
  const locks = new SettlementLocks(balances, holds);
  const ledger = new LedgerService(
    prisma,
    new PlaceHold(balances, holds),
    new CaptureHold(balances, holds, locks),
    new ReleaseHold(balances, holds, locks),
    undefined as never,
    undefined as never,
    undefined as never,
  );
  const transactions = new SqlTransactions(prisma);
  const queue = new CustomerMoneyQueue();
  const pricing = { customerPrice: () => money('5.20') } as unknown as PricingService;
  return {
    reserve: new ReserveCreateFunds(transactions, ledger, config, queue),
    settle: new SettleCreateOutcome(prisma, transactions, ledger, pricing, config, queue),
    idempotency: new IdempotencyService(prisma, config),
  };
}

const quoted = {
  quote: {
    price: money('5.00'),
    markupPercent: money('20'),
    currency: 'USD',
    tarif: { details: {} },
  } as unknown as Quote,
  purchaseId: PURCHASE_ID,
};
const reserved = {
  purchase: { id: PURCHASE_ID, customerId: CUSTOMER, markupPercent: money('20') } as Purchase,
  holdId: HOLD_ID,
};

describe('a create in round trips to PostgreSQL', () => {
  it('reserves in 3 without an Idempotency-Key: [BEGIN, purchase, balance lock], [hold + entry], COMMIT', async () => {
    const { prisma, messages } = countingDatabase();
    const { reserve } = createFlow(prisma);
    const result = await RequestContext.runAsTenant(CUSTOMER, () => reserve.execute(CUSTOMER, CART, quoted));
    expect(result.holdId).toBe(HOLD_ID);
    expect(result.purchase.id).toBe(PURCHASE_ID);
    expect(messages).toEqual([
      ['BEGIN', 'SET LOCAL statement_timeout', 'INSERT INTO purchases', 'SELECT b.customer_id AS'],
      ['WITH hold AS'],
      ['COMMIT'],
    ]);
  });

  it('reserves in 3 with one: the key record travels with the purchase', async () => {
    const { prisma, messages } = countingDatabase();
    const { reserve, idempotency } = createFlow(prisma);
    const scope = { customerId: CUSTOMER, scope: 'POST /v1/purchases/create', key: 'k1' };
    const { result } = IdempotentExecution.run(
      'k1',
      () => RequestContext.runAsTenant(CUSTOMER, () => reserve.execute(CUSTOMER, CART, quoted)),
      { persistCommitted: (ref, tx) => idempotency.recordCommitted({ ...scope, ref }, tx) },
    );
    await result;
    expect(messages).toEqual([
      [
        'BEGIN',
        'SET LOCAL statement_timeout',
        'INSERT INTO purchases',
        'SELECT b.customer_id AS',
        'UPDATE idempotency_records SET',
      ],
      ['WITH hold AS'],
      ['COMMIT'],
    ]);
  });

  it('settles a 200 in 3: [BEGIN, balance lock, hold lock], [hold + balance + entry], [purchase, COMMIT]', async () => {
    const { prisma, messages } = countingDatabase();
    const { settle } = createFlow(prisma);
    const upstream = { id: 900, price: 4.33, status: 'pending' };
    await RequestContext.runAsTenant(CUSTOMER, () => settle.created(reserved, upstream as never));
    expect(messages).toEqual([
      ['BEGIN', 'SET LOCAL statement_timeout', 'SELECT b.customer_id AS', 'SELECT id, customer_id'],
      ['WITH hold AS'],
      ['UPDATE purchases SET', 'COMMIT'],
    ]);
  });

  it('settles a refusal in 3 as well', async () => {
    const { prisma, roundTrips } = countingDatabase();
    const { settle } = createFlow(prisma);
    const refusal = new StreamSkillHttpError({
      endpoint: 'POST /purchases/create',
      type: 'http_422',
      message: 'no',
      status: 422,
    });
    await RequestContext.runAsTenant(CUSTOMER, () => settle.rejected(reserved, refusal));
    expect(roundTrips()).toBe(3);
  });
});

describe('settlement locks (one message, the balance first)', () => {
  function settling(hold: { customerId: string; state: string }) {
    const { prisma, messages } = countingDatabase(hold);
    const balances = new BalanceBook();
    const holds = new HoldBook();
    const capture = new CaptureHold(balances, holds, new SettlementLocks(balances, holds));
    const input = {
      holdId: HOLD_ID,
      customerId: CUSTOMER,
      amount: money('5'),
      actor: { type: 'job' as const },
    };
    const work = new SqlTransactions(prisma).run((tx) => capture.execute(tx, input));
    return { work, messages };
  }

  it('refuses a hold that is not open, with HoldAlreadySettledError, and writes nothing', async () => {
    const { work, messages } = settling({ customerId: CUSTOMER, state: 'released' });
    await expect(work).rejects.toBeInstanceOf(HoldAlreadySettledError);
    expect(messages.flat()).not.toContain('WITH hold AS');
    expect(messages.at(-1)).toEqual(['ROLLBACK']);
  });

  it("refuses a hold that is not the locked balance's customer's", async () => {
    const { work, messages } = settling({ customerId: OTHER_CUSTOMER, state: 'open' });
    await expect(work).rejects.toBeInstanceOf(HoldNotFoundError);
    expect(messages.flat()).not.toContain('WITH hold AS');
  });
});
