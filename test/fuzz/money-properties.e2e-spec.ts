import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { DECIMAL_STRING, toMoneyString } from '@app/common';
import { Prisma } from '@app/database';
import { CreateCustomerDto } from '../../apps/gateway/src/customers/customer.dto';
import { MAX_MOVEMENT } from '../../apps/gateway/src/ledger/funds';
import { moneyAmountProblem } from '../../apps/gateway/src/ledger/ledger.dto';
import { applyMarkup } from '../../apps/gateway/src/pricing/markup';
import { hostileString, nearValidString } from './support/hostile-values';

/*
 * Property-based unit tests of the money parsers (named e2e-spec only because jest collects the
 * suites under test/ by that name; nothing here starts a gateway).
 */
const Decimal = Prisma.Decimal;
const anyText = fc.oneof(
  hostileString,
  nearValidString,
  fc.stringMatching(/^[-+ ]?\d{0,16}([.,eE]\d{0,5})?\s?$/),
);
const cents = fc.bigInt({ min: 1n, max: 100_000_000_000_000n });
const asAmount = (value: bigint) => `${value / 100n}.${String(value % 100n).padStart(2, '0')}`;
/** What a numeric(precision, 2) column stores without an error. */
const fitsNumeric = (text: string, precision: number) =>
  new Decimal(text).abs().lt(new Decimal(10).pow(precision - 2));

describe('money amounts (ledger credits and debits)', () => {
  it('accepts every positive amount of cents up to the largest movement, as written', () => {
    fc.assert(
      fc.property(cents, (value) => {
        const amount = asAmount(value);
        const accepted = moneyAmountProblem(amount) === null;
        expect(accepted).toBe(new Decimal(amount).lte(MAX_MOVEMENT));
      }),
    );
  });

  it('accepts a string only when it is a positive amount of cents that fits the ledger columns', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        if (moneyAmountProblem(text) !== null) return;
        expect(text).toMatch(/^\d+(\.\d{1,2})?$/);
        expect(new Decimal(text).gt(0) && new Decimal(text).lte(MAX_MOVEMENT)).toBe(true);
        expect(fitsNumeric(text, 18)).toBe(true);
      }),
    );
  });

  it('refuses every number, NaN and Infinity included: amounts are strings, never floats', () => {
    fc.assert(fc.property(fc.double(), (number) => expect(moneyAmountProblem(number)).not.toBeNull()));
  });
});

describe('customer settings (markup and credit limit)', () => {
  const validate = (fields: Record<string, unknown>) =>
    validateSync(plainToInstance(CreateCustomerDto, { name: 'x', ...fields })).map((error) => error.property);

  it('accepts only markups and credit limits that their numeric columns can store', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        if (!validate({ markupPercent: text }).includes('markupPercent'))
          expect(fitsNumeric(text, 7)).toBe(true);
        if (!validate({ creditLimit: text }).includes('creditLimit'))
          expect(fitsNumeric(text, 18)).toBe(true);
      }),
    );
  });
});

describe('decimal strings and markup', () => {
  it('formats any decimal string to cents, within half a cent of it', () => {
    fc.assert(
      fc.property(fc.stringMatching(DECIMAL_STRING), (text) => {
        const formatted = toMoneyString(text);
        expect(formatted).toMatch(/^-?\d+\.\d{2}$/);
        expect(new Decimal(formatted).minus(text).abs().lte('0.005')).toBe(true);
      }),
    );
  });

  it('never lowers a price, and rounds it once to cents', () => {
    const percent = fc.bigInt({ min: 0n, max: 999_999n }).map(asAmount);
    fc.assert(
      fc.property(cents.map(asAmount), percent, (amount, markup) => {
        const price = applyMarkup(amount, markup);
        const exact = new Decimal(amount).mul(new Decimal(markup).div(100).plus(1));
        expect(price.gte(amount)).toBe(true);
        expect(price.decimalPlaces()).toBeLessThanOrEqual(2);
        expect(price.minus(exact).abs().lte('0.005')).toBe(true);
      }),
    );
  });
});
