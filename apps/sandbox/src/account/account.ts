import Decimal from 'decimal.js';
import { insufficientFunds } from '../common/sandbox-error';
import type { Currency } from '../tariffs/tariff.types';

/** The simulated StreamSkill account balance. */
export class Account {
  balance: Decimal;

  constructor(
    private readonly initialBalance: string,
    public currency: Currency,
    private readonly initialCurrency: Currency = currency,
  ) {
    this.balance = new Decimal(initialBalance);
  }

  /** Takes `amount` from the balance, or throws 402 and leaves it untouched. */
  charge(amount: Decimal): void {
    if (this.balance.lt(amount)) throw insufficientFunds();
    this.balance = this.balance.minus(amount);
  }

  set(balance: string, currency?: Currency): void {
    this.balance = new Decimal(balance);
    if (currency) this.currency = currency;
  }

  reset(): void {
    this.set(this.initialBalance, this.initialCurrency);
  }
}
