import { Prisma } from '@app/database';
import { GatewayError } from '../errors/gateway-error';
import { assertCanSpend, assertMovementAmount, availableOf, InvalidAmountError, splitCapture } from './funds';

const d = (value: string) => new Prisma.Decimal(value);
const funds = (total: string, held: string, creditLimit: string) => ({
  total: d(total),
  held: d(held),
  creditLimit: d(creditLimit),
});

describe('ledger arithmetic', () => {
  it('available is total minus held, exactly in cents', () => {
    expect(availableOf(funds('0.30', '0.10', '0')).toFixed(2)).toBe('0.20');
    expect(availableOf(funds('10.00', '12.50', '0')).toFixed(2)).toBe('-2.50');
  });

  describe('assertCanSpend', () => {
    it('allows spending down to exactly -creditLimit', () => {
      expect(() => assertCanSpend(funds('10.00', '2.00', '5.00'), d('13.00'))).not.toThrow();
    });

    it('refuses one cent more with 402 insufficient_funds naming available and needed', () => {
      const attempt = () => assertCanSpend(funds('10.00', '2.00', '5.00'), d('13.01'));
      expect(attempt).toThrow(GatewayError);
      try {
        attempt();
      } catch (error) {
        expect(error).toMatchObject({ status: 402, type: 'insufficient_funds' });
        expect((error as Error).message).toBe(
          'Insufficient funds: available 8.00 (credit limit 5.00), needed 13.01.',
        );
      }
    });

    it('refuses everything when the balance is already past the credit limit', () => {
      expect(() => assertCanSpend(funds('-6.00', '0', '5.00'), d('0.01'))).toThrow(GatewayError);
    });
  });

  describe('splitCapture', () => {
    const fixed = (split: ReturnType<typeof splitCapture>) => ({
      captured: split.captured.toFixed(2),
      released: split.released.toFixed(2),
      shortfall: split.shortfall.toFixed(2),
    });

    it('gives back what a smaller capture does not use', () => {
      expect(fixed(splitCapture(funds('100.00', '30.00', '0'), d('30.00'), d('12.34')))).toEqual({
        captured: '12.34',
        released: '17.66',
        shortfall: '0.00',
      });
    });

    it('captures the whole hold', () => {
      expect(fixed(splitCapture(funds('30.00', '30.00', '0'), d('30.00'), d('30.00')))).toEqual({
        captured: '30.00',
        released: '0.00',
        shortfall: '0.00',
      });
    });

    it('charges beyond the hold while the credit limit allows', () => {
      // available 0, limit 5: a 10.00 hold may be captured for up to 15.00
      expect(fixed(splitCapture(funds('10.00', '10.00', '5.00'), d('10.00'), d('14.00')))).toEqual({
        captured: '14.00',
        released: '0.00',
        shortfall: '0.00',
      });
    });

    it('stops at the credit limit and reports the shortfall instead of failing', () => {
      expect(fixed(splitCapture(funds('10.00', '10.00', '5.00'), d('10.00'), d('17.50')))).toEqual({
        captured: '15.00',
        released: '0.00',
        shortfall: '2.50',
      });
    });

    it('still captures up to the hold when the limit was lowered below the balance meanwhile', () => {
      expect(fixed(splitCapture(funds('-20.00', '10.00', '0'), d('10.00'), d('12.00')))).toEqual({
        captured: '10.00',
        released: '0.00',
        shortfall: '2.00',
      });
    });
  });

  describe('assertMovementAmount', () => {
    it.each(['0.01', '12.50', '1000000000000'])('accepts %s', (value) => {
      expect(() => assertMovementAmount(d(value))).not.toThrow();
    });

    it.each(['0', '-1.00', '0.001', '1000000000000.01'])('refuses %s', (value) => {
      expect(() => assertMovementAmount(d(value))).toThrow(InvalidAmountError);
    });

    it('accepts zero for a capture only', () => {
      expect(() => assertMovementAmount(d('0'), { allowZero: true })).not.toThrow();
      expect(() => assertMovementAmount(d('-0.01'), { allowZero: true })).toThrow(InvalidAmountError);
    });
  });
});
