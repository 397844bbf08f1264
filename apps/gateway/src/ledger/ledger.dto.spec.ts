import { moneyAmountProblem } from './ledger.dto';

describe('moneyAmountProblem', () => {
  it.each(['0.01', '1', '12.5', '12.50', '1000000000000.00'])('accepts %s', (value) => {
    expect(moneyAmountProblem(value)).toBeNull();
  });

  it.each([
    [12.5, 'amount must be a decimal string such as "12.50", not a number'],
    [null, 'amount must be a decimal string such as "12.50", not a object'],
    ['12.345', 'amount must be a decimal string with at most 2 decimals, e.g. "12.50"'],
    ['-1.00', 'amount must be a decimal string with at most 2 decimals, e.g. "12.50"'],
    ['1e3', 'amount must be a decimal string with at most 2 decimals, e.g. "12.50"'],
    [' 1.00', 'amount must be a decimal string with at most 2 decimals, e.g. "12.50"'],
    ['0', 'amount must be greater than 0'],
    ['0.00', 'amount must be greater than 0'],
    ['1000000000000.01', 'amount must be at most 1000000000000.00'],
  ])('refuses %p', (value, message) => {
    expect(moneyAmountProblem(value)).toBe(message);
  });
});
