import { Prisma } from '@app/database';
import { holdAmountFor } from './hold-amount';

const d = (value: string) => new Prisma.Decimal(value);

describe('holdAmountFor', () => {
  it.each([
    ['5.00', 10, '5.50'],
    ['960.00', 10, '1056.00'],
    ['0.33', 10, '0.37'],
    ['5.00', 0, '5.00'],
    ['1.01', 2, '1.04'],
    ['0.00', 10, '0.01'],
  ])('holds %s plus %i%% as %s', (quote, margin, expected) => {
    expect(holdAmountFor(d(quote), margin).toFixed(2)).toBe(expected);
  });
});
