import { Prisma } from '@app/database';
import { applyMarkup, effectiveMarkup } from './markup';

const d = (value: string) => new Prisma.Decimal(value);

describe('markup', () => {
  it("takes the customer's markup, else the tariff's, else the gateway default", () => {
    expect(effectiveMarkup(d('5'), d('20'), d('1')).toFixed(2)).toBe('5.00');
    expect(effectiveMarkup(d('0'), d('20'), d('1')).toFixed(2)).toBe('0.00');
    expect(effectiveMarkup(null, d('20'), d('1')).toFixed(2)).toBe('20.00');
    expect(effectiveMarkup(null, null, d('1')).toFixed(2)).toBe('1.00');
  });

  it('multiplies by 1 + percent / 100', () => {
    expect(applyMarkup('10.00', '25').toFixed(2)).toBe('12.50');
    expect(applyMarkup('960.00', '0').toFixed(2)).toBe('960.00');
    expect(applyMarkup('5.00', '12.50').toFixed(2)).toBe('5.63');
    expect(applyMarkup('0', '50').toFixed(2)).toBe('0.00');
  });

  it('rounds half up to cents once, exactly (no binary floating point)', () => {
    expect(applyMarkup('0.10', '5').toFixed(2)).toBe('0.11'); // 0.105
    expect(applyMarkup('0.30', '15').toFixed(2)).toBe('0.35'); // 0.345
    expect(applyMarkup('1.00', '0.50').toFixed(2)).toBe('1.01'); // 1.005
    expect(applyMarkup('1.00', '0.49').toFixed(2)).toBe('1.00'); // 1.0049
    expect(applyMarkup('22.50', '33.33').toFixed(2)).toBe('30.00'); // 29.99925
    expect(applyMarkup('19.99', '10').toString()).toBe('21.99'); // 21.989
  });
});
