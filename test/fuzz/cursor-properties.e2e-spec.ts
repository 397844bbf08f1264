import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { ListAdminPurchasesQuery } from '../../apps/gateway/src/admin-purchases/admin-purchase.dto';
import { AuditQuery } from '../../apps/gateway/src/audit/audit.dto';
import { ListCustomersQuery } from '../../apps/gateway/src/customers/customer.dto';
import { ListLedgerQuery } from '../../apps/gateway/src/ledger/ledger.dto';
import { hostileString, nearValidString } from './support/hostile-values';

/*
 * Property-based unit tests of the list filters and pagination cursors (named e2e-spec only because
 * jest collects the suites under test/ by that name). A value a query DTO accepts goes to
 * PostgreSQL as is: one the column type refuses is a database error, a 500, not a 422.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_BIGINT = 2n ** 63n - 1n;
const anyValue = fc.oneof(
  hostileString,
  nearValidString,
  fc.uuid(),
  fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
);

type QueryClass = new () => object;
const accepts = (query: QueryClass, field: string, value: string) =>
  !validateSync(plainToInstance(query, { [field]: value })).some((error) => error.property === field);

const fitsBigint = (value: string) => /^\d+$/.test(value) && BigInt(value) <= MAX_BIGINT;

describe('list filters and cursors accept only values their column can hold', () => {
  it.each<[string, QueryClass, string, (value: string) => boolean]>([
    ['the audit cursor (bigint seq)', AuditQuery, 'cursor', fitsBigint],
    ['the audit customerId (uuid)', AuditQuery, 'customerId', (value) => UUID.test(value)],
    ['the ledger cursor (bigint id)', ListLedgerQuery, 'cursor', fitsBigint],
    ['the customers cursor (uuid id)', ListCustomersQuery, 'cursor', (value) => UUID.test(value)],
    [
      'the admin purchases customerId (uuid)',
      ListAdminPurchasesQuery,
      'customerId',
      (value) => UUID.test(value),
    ],
  ])('%s', (_label, query, field, fitsColumn) => {
    fc.assert(
      fc.property(anyValue, (value) => {
        if (accepts(query, field, value))
          expect({ value, fits: fitsColumn(value) }).toEqual({ value, fits: true });
      }),
      { numRuns: 500 },
    );
  });

  it('the generator reaches values on both sides of each limit (the properties above are not vacuous)', () => {
    const samples = fc.sample(anyValue, { numRuns: 2_000, seed: 42 });
    expect(samples.some((value) => accepts(AuditQuery, 'cursor', value))).toBe(true);
    expect(samples.some((value) => /^\d{19,}$/.test(value))).toBe(true);
    expect(samples.some((value) => accepts(ListCustomersQuery, 'cursor', value))).toBe(true);
    expect(samples.some((value) => /^[0-9a-f-]{36}$/.test(value) && !UUID.test(value))).toBe(true);
  });
});
